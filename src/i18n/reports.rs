//! Words of the Reports screen.

texts!(ReportsText {
    Title => "Báo cáo", "Reports";
});
