#include "teach_menu.h"

#include "rounding_toy_view.h"
#include "toy_explanations.h"

#include <QAction>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace teachmenu {
namespace {

constexpr const char* kToyWindow = "teachRoundingToy";

RoundingToyView* roundingToy(QMainWindow* window)
{
    auto* view = window->findChild<RoundingToyView*>(QString::fromLatin1(kToyWindow));
    if (!view) {
        // A window of its own: the landscape needs room, and the run's views stay as they are.
        view = new RoundingToyView(window);
        view->setObjectName(QString::fromLatin1(kToyWindow));
        view->setWindowFlag(Qt::Window);
        view->setWindowTitle(QCoreApplication::translate("teachmenu", "Teach: why nearest is not optimal"));
        view->resize(1280, 720);
    }
    view->show();
    view->raise();
    view->activateWindow();
    return view;
}

} // namespace

QMenu* teachMenu(QMainWindow* window)
{
    if (auto* menu = window->menuBar()->findChild<QMenu*>(QStringLiteral("teachMenu")))
        return menu;
    auto* menu = new QMenu(QCoreApplication::translate("teachmenu", "&Teach"), window->menuBar());
    menu->setObjectName(QStringLiteral("teachMenu"));
    QAction* before = nullptr; // the Help menu's, if there is one yet
    for (QAction* a : window->menuBar()->actions())
        if (a->menu() && a->text().remove(QLatin1Char('&')) == QCoreApplication::translate("MainWindow", "Help"))
            before = a;
    window->menuBar()->insertMenu(before, menu);
    return menu;
}

void addRoundingToy(QMainWindow* window)
{
    QMenu* menu = teachMenu(window);
    QAction* two = menu->addAction(QCoreApplication::translate("teachmenu", "Why &Nearest Is Not Optimal: Two Weights"),
                                   window, [window] { openView(window, QStringLiteral("two-weights")); });
    two->setObjectName(QStringLiteral("teach.two-weights"));
    two->setToolTip(toyexplain::twoWeightsTitle());
    QAction* n = menu->addAction(QCoreApplication::translate("teachmenu", "Nearest, AdaRound and the &Optimum: n Weights"),
                                 window, [window] { openView(window, QStringLiteral("n-weights")); });
    n->setObjectName(QStringLiteral("teach.n-weights"));
    n->setToolTip(toyexplain::nWeightsTitle());
}

QWidget* openView(QMainWindow* window, const QString& name)
{
    if (name != QLatin1String("two-weights") && name != QLatin1String("n-weights"))
        return nullptr;
    RoundingToyView* view = roundingToy(window);
    view->setCurrentIndex(name == QLatin1String("two-weights") ? 0 : 1);
    return view;
}

QString viewNames()
{
    return QStringLiteral("two-weights, n-weights");
}

} // namespace teachmenu
