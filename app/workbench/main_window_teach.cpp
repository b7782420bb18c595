// Teaching views in the window (issue 13): the Teach menu, each view's dock
// made the first time it is asked for, and the shown run they are fed: every
// event the dashboard got since the last start (live, replayed or stored), so
// a view opened mid-run or after a log was opened catches up and then follows.
// Who Flipped keeps its own store (FlipsStore) from the start: it needs the
// integer weights' fractional positions, which the shown run leaves out.
#include "main_window.h"

#include "teach_menu.h"

#include "flips_store.h"
#include "flips_view.h"
#include "help_texts.h"
#include "layer_focus.h"
#include "relaxation_view.h"
#include "run_dashboard.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>

#include <algorithm>

void MainWindow::createTeachMenu()
{
    QMenu* teach = teachmenu::teachMenu(this); // one Teach menu, before Help
    teach->addSeparator();
    QAction* relaxation = teach->addAction(tr("The &Relaxation and the Regulariser"), this,
                                           &MainWindow::showRelaxationView);
    relaxation->setObjectName(QStringLiteral("teachRelaxation"));
    relaxation->setToolTip(tr("h(V), the regulariser 1 − |2h − 1|^β at the current β and the layer's h(V) "
                              "histogram under it, live or replayed"));
    flips_ = new FlipsStore(this);
    QAction* flips = teach->addAction(tr("&Who Flipped?"), this, &MainWindow::showFlipsView);
    flips->setObjectName(QStringLiteral("teachFlips"));
    flips->setToolTip(tr("Which weights AdaRound rounded the other way from nearest, by their position between "
                         "the two grid points"));
    teach->addSeparator();
    createStudyActions(teach); // main_window_study.cpp
}

void MainWindow::showRelaxationView()
{
    const bool created = !relaxation_;
    if (created) {
        relaxation_ = new RelaxationView(this);
        relaxation_->setWhatsThis(QStringLiteral("<h3>%1</h3>%2")
                                      .arg(helptexts::viewTitle(QStringLiteral("relaxation")),
                                           helptexts::viewExplanation(QStringLiteral("relaxation"))));
        auto* dock = new QDockWidget(tr("Relaxation and regulariser"), this);
        dock->setObjectName(QStringLiteral("relaxationDock"));
        dock->setWidget(relaxation_);
        addDockWidget(Qt::LeftDockWidgetArea, dock);
        if (auto* compare = findChild<QDockWidget*>(QStringLiteral("comparisonDock")))
            tabifyDockWidget(compare, dock);
        // Catch up with the run shown: a finished one as a stored run, one still going as live.
        const adaround::RunRecord& shown = shownEvents_.record();
        if (shown.hasStarted && shown.end) {
            relaxation_->showRecord(shown);
        } else if (shown.hasStarted) {
            adaround::CallbackObserver feed([this](const adaround::RunEvent& e) { relaxation_->onRunEvent(e); });
            adaround::replay(shown, feed);
            relaxation_->flush();
        }
    }
    auto* dock = qobject_cast<QDockWidget*>(relaxation_->parentWidget());
    dock->show();
    dock->raise();
    if (created) // room for its plots: the left docks take about half the window (the dashboard goes to tabs)
        resizeDocks({dock}, {std::max(560, width() * 47 / 100)}, Qt::Horizontal);
}

void MainWindow::resetShownRun(const adaround::RunRecord* stored)
{
    shownEvents_ = {};
    flips_->clear();
    if (relaxation_)
        relaxation_->clear();
    if (!stored)
        return;
    flips_->showRecord(*stored);
    adaround::CallbackObserver keep([this](const adaround::RunEvent& e) {
        if (!std::holds_alternative<adaround::QuantizedLayer>(e))
            shownEvents_.onEvent(e);
    });
    adaround::replay(*stored, keep);
    if (relaxation_)
        relaxation_->showRecord(*stored);
}

void MainWindow::feedShownRun(const adaround::RunEvent& e)
{
    flips_->onRunEvent(e);
    if (std::holds_alternative<adaround::QuantizedLayer>(e))
        return; // the integer weights: for the log, exports and Who Flipped
    shownEvents_.onEvent(e);
    if (relaxation_)
        relaxation_->onRunEvent(e);
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
