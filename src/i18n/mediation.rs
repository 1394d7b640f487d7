//! Words of the Mediation screen.

texts!(MediationText {
    Title => "Hòa giải", "Mediation";
});
