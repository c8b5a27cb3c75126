"""Why a case is due when it is: the explanation as copyable text, in a window beside the app."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from explorer.app.session import Session
from explorer.sla.explain import explain


class ExplanationDialog(QDialog):
    """Non-modal: the user can keep it open while looking at the case list (one window, reused)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(860, 520)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("How the case's due time was reached")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def show_text(self, case_id: str, text: str) -> None:
        self.setWindowTitle(f"Case {case_id}: how its due time was reached")
        self.text.setPlainText(text)
        self.show()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


def explain_case(
    parent: QWidget, session: Session | None, case_id: str, shown: ExplanationDialog | None
) -> ExplanationDialog | None:
    """Show why the case is due when it is, in ``shown`` (made on first use); the dialog, None without a case log."""
    if session is None or session.sla is None:
        return shown
    dialog = shown or ExplanationDialog(parent)
    dialog.show_text(case_id, explain(session.book, session.catalog, session.sla, case_id).text)
    return dialog
