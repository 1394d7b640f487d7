//! Words of the Households screen.

texts!(HouseholdsText {
    Title => "Hộ gia đình", "Households";
});
