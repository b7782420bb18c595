// The Teach menu and its views (issue 13): each view is a dock made the first
// time its entry is chosen; what it shows is kept from the start (FlipsStore
// listens to every run and stored run), so a view opened late shows the run at once.
#include "main_window.h"

#include "flips_store.h"
#include "flips_view.h"
#include "help_texts.h"
#include "layer_focus.h"
#include "run_controller.h"
#include "run_dashboard.h"

#include <QDockWidget>
#include <QMenuBar>

void MainWindow::createTeachMenu()
{
    flips_ = new FlipsStore(this);
    connect(controller_->events(), &RunEventBridge::runEvent, flips_,
            [this](const SharedRunEvent& e) { flips_->onRunEvent(*e); });
    // Another helper may have made the menu already: one Teach menu.
    QMenu* teach = nullptr;
    for (QAction* a : menuBar()->actions())
        if (a->menu() && a->menu()->objectName() == QLatin1String("teachMenu"))
            teach = a->menu();
    if (!teach) {
        teach = menuBar()->addMenu(tr("&Teach"));
        teach->setObjectName(QStringLiteral("teachMenu"));
    }
    QAction* flips = teach->addAction(tr("&Who Flipped?"), this, &MainWindow::showFlipsView);
    flips->setObjectName(QStringLiteral("teachFlips"));
    flips->setToolTip(tr("Which weights AdaRound rounded the other way from nearest, by their position between "
                         "the two grid points"));
}

FlipsView* MainWindow::showFlipsView()
{
    if (!flipsView_) {
        flipsView_ = new FlipsView(flips_, this);
        auto* dock = new QDockWidget(tr("Who Flipped?"), this);
        dock->setObjectName(QStringLiteral("teachFlipsDock"));
        dock->setWidget(flipsView_);
        flipsView_->setWhatsThis(QStringLiteral("<h3>%1</h3>%2").arg(helptexts::viewTitle(QStringLiteral("flips")),
                                                                     helptexts::viewExplanation(QStringLiteral("flips"))));
        addDockWidget(Qt::RightDockWidgetArea, dock);
        // It follows the layer picked in the results table or the loss plot (and the running layer).
        connect(dashboard_->layerFocus(), &LayerFocus::layerShown, flipsView_, &FlipsView::showLayer);
        if (dashboard_->selectedLayer() >= 0 && flips_->weights(dashboard_->selectedLayer()))
            flipsView_->showLayer(dashboard_->selectedLayer());
    }
    auto* dock = qobject_cast<QDockWidget*>(flipsView_->parentWidget());
    dock->show();
    dock->raise();
    return flipsView_;
}
