//! Words of the Dashboard screen.

texts!(DashboardText {
    Title => "Tổng quan", "Dashboard";
});
