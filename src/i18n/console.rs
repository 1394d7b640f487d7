//! Words of the Windows console window itself.

texts!(Console {
    PressEnterToClose => "Nhấn Enter để đóng cửa sổ này.", "Press Enter to close this window.";
});
