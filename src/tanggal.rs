//! The calendar date a document carries, shared by the PDF and the workbook exports.

/// The calendar date a document carries (PDF metadata, `datetime.today()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl DocumentDate {
    /// From a Unix timestamp such as SOURCE_DATE_EPOCH.
    pub fn from_unix(seconds: i64) -> Option<DocumentDate> {
        // Civil-from-days (Howard Hinnant), valid for the proleptic Gregorian calendar.
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(DocumentDate { year: i32::try_from(year).ok()?, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_dates() {
        assert_eq!(DocumentDate::from_unix(0), Some(DocumentDate { year: 1970, month: 1, day: 1 }));
        assert_eq!(DocumentDate::from_unix(1_543_536_000), Some(DocumentDate { year: 2018, month: 11, day: 30 }));
        assert_eq!(DocumentDate::from_unix(951_782_400), Some(DocumentDate { year: 2000, month: 2, day: 29 }));
    }
}
