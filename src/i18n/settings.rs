//! Words of the Settings screen.

texts!(SettingsText {
    Title => "Cài đặt", "Settings";
});
