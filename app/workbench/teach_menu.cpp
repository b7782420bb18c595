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

QWidget* roundingToy(QMainWindow* window)
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
    QAction* a = teachMenu(window)->addAction(QCoreApplication::translate("teachmenu", "Why &Nearest Is Not Optimal"),
                                              window, [window] { roundingToy(window); });
    a->setObjectName(QStringLiteral("teach.two-weights"));
    a->setToolTip(toyexplain::twoWeightsTitle());
}

QWidget* openView(QMainWindow* window, const QString& name)
{
    if (name == QLatin1String("two-weights"))
        return roundingToy(window);
    return nullptr;
}

QString viewNames()
{
    return QStringLiteral("two-weights");
}

} // namespace teachmenu
