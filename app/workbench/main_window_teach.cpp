// Teaching views in the window (issue 13): the Teach menu, each view's dock
// made the first time it is asked for, and the shown run they are fed: every
// event the dashboard got since the last start, so a view opened mid-run or
// after a log was opened catches up and then follows.
#include "main_window.h"

#include "teach_menu.h"

#include "help_texts.h"
#include "relaxation_view.h"

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
    if (relaxation_)
        relaxation_->clear();
    if (!stored)
        return;
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
    if (std::holds_alternative<adaround::QuantizedLayer>(e))
        return; // the integer weights: for the log and exports
    shownEvents_.onEvent(e);
    if (relaxation_)
        relaxation_->onRunEvent(e);
}
