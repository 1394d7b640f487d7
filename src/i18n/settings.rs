//! Words of the Settings screen.

use crate::domain::{Catalog, Lang};

texts!(SettingsText {
    Title => "Cài đặt", "Settings";
    SecCommune => "Thông tin xã", "Commune";
    SecHamlets => "Thôn, tổ dân phố", "Hamlets";
    SecCatalog => "Nội dung cam kết", "Commitment items";
    SecRules => "Quy định, người nhập", "Rules & operator";
    SecPlan => "Chỉ tiêu, hạn báo cáo (c: sửa)", "Targets & due dates (c: edit)";
    PlanKey => "Sửa chỉ tiêu, hạn báo cáo", "Edit targets and due dates";
    PlanForm => "Chỉ tiêu kế hoạch và hạn báo cáo", "Plan targets and report due dates";
    SecLanguage => "Ngôn ngữ", "Language";
    SecRetention => "Lưu giữ dữ liệu", "Data retention";
    SecRequests => "Yêu cầu về DLCN", "Data requests";
    HintRetention => "e/Enter: sửa số năm · p: xóa dữ liệu hết hạn", "e/Enter: edit the years · p: erase expired data";
    HintRequests => "n: thêm yêu cầu · e/Enter: sửa · ! quá hạn (đỏ)", "n: add a request · e/Enter: edit · ! overdue (red)";
    NoCommune => "Sổ chưa có thông tin xã.", "The ledger has no commune yet.";
    NoCommuneHint => "Nhấn e (hoặc Enter) để nhập tên xã, tỉnh và người ký báo cáo.", "Press e (or Enter) to enter the commune's name, province and report signers.";
    FirstSteps => "Sau đó: thêm các thôn, tổ dân phố (Tab, rồi n); xem lại nội dung cam kết (danh mục chuẩn được thêm sẵn khi lưu xã lần đầu).", "Then: add the hamlets (Tab, then n); review the commitment items (the standard list is filled in when the commune is first saved).";
    NoHamletsHint => "Chưa có thôn nào: nhấn Tab để sang mục Thôn, tổ dân phố, rồi nhấn n để thêm.", "No hamlets yet: press Tab to go to Hamlets, then n to add one.";
    NeedCommuneFirst => "Hãy nhập tên xã trước (mục Thông tin xã, nhấn e).", "Enter the commune's name first (Commune section, press e).";
    Approver => "Người duyệt báo cáo", "Report approver";
    Preparer => "Người lập báo cáo", "Report preparer";
    ApproverTitle => "Chức danh người duyệt", "Approver's title";
    ApproverName => "Họ tên người duyệt", "Approver's name";
    PreparerTitle => "Chức danh người lập", "Preparer's title";
    PreparerName => "Họ tên người lập", "Preparer's name";
    NotSet => "(chưa nhập)", "(not set)";
    CommuneForm => "Thông tin xã và người ký báo cáo", "Commune and report signers";
    RulesForm => "Quy định và người nhập liệu", "Rules and operator";
    HamletNameHint => "Chữ Thôn, Ấp, Tổ dân phố… ghi hay không đều được", "Thôn, Ấp, Tổ dân phố… before the name: optional";
    CommuneNameHint => "Chữ Xã ghi hay không đều được; phường: \"Phường …\"", "\"Xã\" is optional; for a ward: \"Phường …\"";
    ConfirmDeleteHamlet => "Xóa «{}» khỏi danh sách thôn, tổ dân phố? (c/k)", "Delete «{}» from the hamlets? (y/n)";
    FirstSaveItems => "Lần lưu đầu thêm {} nội dung cam kết chuẩn", "The first save adds the {} standard items";
    NewHamlet => "Thêm thôn, tổ dân phố", "New hamlet";
    EditHamlet => "Sửa thôn, tổ dân phố", "Edit hamlet";
    NewItem => "Thêm nội dung cam kết", "New commitment item";
    EditItem => "Sửa nội dung cam kết", "Rename commitment item";
    Kind => "Loại", "Kind";
    Language => "Ngôn ngữ giao diện", "Interface language";
    Vietnamese => "Tiếng Việt", "Vietnamese";
    English => "Tiếng Anh", "English";
    Current => "đang dùng", "current";
    Code => "Mã", "Code";
    Name => "Tên", "Name";
    HouseholdsCol => "Hộ", "Households";
    TeamsCol => "Tổ/đội", "Teams";
    CasesCol => "Vụ việc", "Cases";
    NoHamlets => "Chưa có thôn, tổ dân phố nào. Nhấn n để thêm.", "No hamlets yet. Press n to add one.";
    NoItems => "Chưa có nội dung cam kết nào. Nhấn n để thêm.", "No commitment items yet. Press n to add one.";
    ItemActive => "Đang dùng", "In use";
    ItemRetired => "Ngừng dùng", "Retired";
    RetireKey => "Ngừng dùng/dùng lại", "Retire/reactivate";
    NextSection => "Mục sau", "Next section";
    PrevSection => "Mục trước", "Previous section";
    FocusSections => "Sang danh sách mục", "To the sections";
    FocusContent => "Vào nội dung mục", "Into the section";
    HintCommune => "e/Enter: sửa thông tin xã và người ký báo cáo", "e/Enter: edit the commune and report signers";
    HintHamlets => "n: thêm · e/Enter: sửa · x: xóa (chỉ khi chưa có hộ, tổ, vụ việc) · h: lịch sử", "n: add · e/Enter: edit · x: delete (only when unused) · h: history";
    HintCatalog => "n: thêm · e/Enter: đổi tên · r: ngừng dùng/dùng lại · d: danh mục khác · h: lịch sử", "n: add · e/Enter: rename · r: retire/reactivate · d: other catalog · h: history";
    NextCatalogKey => "Danh mục khác (cam kết, loại mô hình, tiêu chí)", "Other catalog (commitment, model kinds, criteria)";
    PageKey => "Bảo vệ dữ liệu", "Personal data";
    CommunePageKey => "Cài đặt của xã", "Commune settings";
    CatalogModelKinds => "Loại mô hình tự quản", "Model kinds";
    CatalogCriteria => "Tiêu chí khu dân cư an toàn về ANTT", "Criteria of a safe residential area";
    NewModelKind => "Thêm loại mô hình", "New model kind";
    EditModelKind => "Sửa tên loại mô hình", "Rename model kind";
    NewCriterion => "Thêm tiêu chí", "New criterion";
    EditCriterion => "Sửa lời tiêu chí", "Reword criterion";
    KindsNeverDeleted => "Không xóa được loại mô hình vì các mô hình đã ghi trỏ tới nó; nhấn r để ngừng dùng.", "Model kinds are never deleted, since models refer to them; press r to retire one.";
    CriteriaNeverDeleted => "Không xóa được tiêu chí vì các bản đánh giá đã ghi trỏ tới nó; nhấn r để ngừng dùng.", "Criteria are never deleted, since assessments refer to them; press r to retire one.";
    RetiredKindNote => "Loại ngừng dùng vẫn hiện ở các mô hình đã ghi, nhưng không còn để chọn cho mô hình mới.", "A retired kind stays on the models already recorded but is no longer offered for new ones.";
    RetiredCriterionNote => "Tiêu chí ngừng dùng vẫn giữ trong các bản đánh giá đã ghi (mỗi bản giữ các tiêu chí nó được chấm theo).", "A retired criterion stays on the assessments already made (each keeps the criteria it was marked on).";
    HintRules => "e/Enter: sửa · h: lịch sử", "e/Enter: edit · h: history";
    HintLanguage => "Enter: dùng ngôn ngữ này (lưu vào sổ, giao diện đổi ngay)", "Enter: use this language (saved in the ledger, the interface switches at once)";
    ItemsNeverDeleted => "Không xóa được nội dung cam kết vì các bản cam kết đã ghi trỏ tới nó; nhấn r để ngừng dùng.", "Commitment items are never deleted, since commitments refer to them; press r to retire one.";
    NothingToAdd => "Mục này không có gì để thêm; hãy chọn mục Thôn, tổ dân phố hoặc Nội dung cam kết.", "Nothing to add here; choose Hamlets or Commitment items.";
    RetireOnlyItems => "Phím r dùng ở mục Nội dung cam kết.", "The r key works in Commitment items.";
    Days => "ngày", "days";
    People => "người", "people";
    ItemsInUse => "đang dùng", "in use";
    ItemsRetired => "ngừng dùng", "retired";
    TotalHamlets => "Tổng số", "Total";
    RetiredNote => "Nội dung ngừng dùng vẫn hiện trong các bản cam kết cũ, nhưng không còn được chọn sẵn cho bản cam kết mới.", "Retired items stay on old commitments but are no longer offered for new ones.";
});

/// A catalog's name, as the Catalog section's table heads it.
pub fn catalog_name(lang: Lang, which: Catalog) -> &'static str {
    match which {
        Catalog::Items => SettingsText::SecCatalog,
        Catalog::ModelKinds => SettingsText::CatalogModelKinds,
        Catalog::Criteria => SettingsText::CatalogCriteria,
    }
    .get(lang)
}

/// The title of the form of an item of a catalog other than commitment items.
pub fn catalog_form(lang: Lang, which: Catalog, editing: bool) -> String {
    use SettingsText as T;
    let title = match (which, editing) {
        (Catalog::Items, false) => T::NewItem,
        (Catalog::Items, true) => T::EditItem,
        (Catalog::ModelKinds, false) => T::NewModelKind,
        (Catalog::ModelKinds, true) => T::EditModelKind,
        (Catalog::Criteria, false) => T::NewCriterion,
        (Catalog::Criteria, true) => T::EditCriterion,
    };
    title.get(lang).to_string()
}

/// Why x deletes no item of a catalog.
pub fn never_deleted(lang: Lang, which: Catalog) -> String {
    match which {
        Catalog::Items => SettingsText::ItemsNeverDeleted,
        Catalog::ModelKinds => SettingsText::KindsNeverDeleted,
        Catalog::Criteria => SettingsText::CriteriaNeverDeleted,
    }
    .get(lang)
    .to_string()
}

/// What a retired item still does, under the selected one.
pub fn retired_note(lang: Lang, which: Catalog) -> &'static str {
    match which {
        Catalog::Items => SettingsText::RetiredNote,
        Catalog::ModelKinds => SettingsText::RetiredKindNote,
        Catalog::Criteria => SettingsText::RetiredCriterionNote,
    }
    .get(lang)
}
