/* A stand-in for Windows' bcryptprimitives.dll, for testing under wine < 9 only (never shipped).
 * Rust's standard library (1.78+) and getrandom draw their random bytes from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has but wine 8.0 (Debian 12) does not
 * provide, so renja.exe would not start there. This DLL exports ProcessPrng on top of
 * RtlGenRandom (advapi32's SystemFunction036), which wine 8 has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
