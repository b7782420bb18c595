#pragma once
// The words of the Help menu: what each run view shows ("What am I looking
// at?") and a glossary of the terms the views and the table use. Plain HTML,
// kept in one place; the views' What's This texts (Shift+F1) are the same.
#include <QString>
#include <QStringList>

namespace helptexts {

// The run views in the dashboard's order: "loss", "histogram", "history", "accuracy", "table".
QStringList viewNames();
// The teaching views (Teach menu): "two-weights", "n-weights" (their own
// window), "relaxation" and "flips" (docks beside the run).
QStringList teachingViewNames();
QString viewTitle(const QString& view);
// What VIEW (a run view or a teaching view) shows and how to read it (HTML, no
// <html> wrapper); empty for an unknown view.
QString viewExplanation(const QString& view);
// Settled, flipped, soft/hard MSE, warm-up, RTN, β, λ, h(V) (HTML: a definition list).
QString glossary();
// Every view's explanation (run views, then teaching views) and the glossary on one page, each view under an
// anchor named after it (for QTextBrowser::scrollToAnchor).
QString lookingAtPage();

} // namespace helptexts
