//! Words of the Teams screen.

texts!(TeamsText {
    Title => "Tổ, đội", "Teams";
});
