#pragma once
// The Teach menu: the teaching views, each opened from it in a window of its
// own (created on first use, raised when asked again), beside the run.
#include <QString>

class QMainWindow;
class QMenu;
class QWidget;

namespace teachmenu {

// The window's Teach menu (object name "teachMenu"), made before Help on first use.
QMenu* teachMenu(QMainWindow* window);
// Adds Teach > Why Nearest Is Not Optimal: Two Weights, and Nearest, AdaRound
// and the Optimum: n Weights (the two tabs of one window).
void addRoundingToy(QMainWindow* window);
// Opens (or raises) the teaching view NAME ("two-weights", "n-weights": the
// tabs of the rounding toy); null for an unknown name.
QWidget* openView(QMainWindow* window, const QString& name);
QString viewNames(); // "two-weights, n-weights", for messages

} // namespace teachmenu
