#pragma once
// The Help menu's pages, each in one non-modal window (asking again raises
// it): the user guide (docs/workbench.md rendered), the keyboard shortcuts
// (generated from the window's actions, so never out of date) and "What am I
// looking at?" (help_texts.h).
#include <QString>

class QMainWindow;
class QTextBrowser;
class QWidget;

namespace helppages {

// docs/workbench.md: installed beside the binary (<prefix>/share/adaround-workbench/docs),
// else in the source tree the build came from; empty if neither exists.
QString userGuidePath();

// Every action of WINDOW with a shortcut, from its menus (by menu path) and
// its own actions, as an HTML table; unnamed or shortcut-less actions skipped.
QString shortcutsHtml(const QMainWindow* window);

// Each opens (or raises) its page and returns its browser.
QTextBrowser* showUserGuide(QWidget* parent);
QTextBrowser* showShortcuts(QMainWindow* window);
// Scrolled to VIEW's explanation ("loss", ..., "table"; empty: the top).
QTextBrowser* showLookingAt(QWidget* parent, const QString& view = {});

} // namespace helppages
