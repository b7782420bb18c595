#include "sweep_view.h"

#include "sweep_heat_map.h"
#include "sweep_knob_plot.h"
#include "sweep_parallel_plot.h"
#include "sweep_points_model.h"
#include "sweep_watcher.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <map>

namespace {

QComboBox* knobBox(QWidget* parent, const QString& tip)
{
    auto* box = new QComboBox(parent);
    box->setToolTip(tip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

QWidget* withChooser(QWidget* plot, const QList<QPair<QString, QComboBox*>>& boxes)
{
    auto* page = new QWidget;
    auto* row = new QHBoxLayout;
    for (const auto& [label, box] : boxes) {
        row->addWidget(new QLabel(label, page));
        row->addWidget(box);
    }
    row->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(row);
    layout->addWidget(plot, 1);
    return page;
}

} // namespace

SweepView::SweepView(QWidget* parent) : QWidget(parent)
{
    watcher_ = new SweepWatcher(this);
    model_ = new SweepPointsModel(this);
    sorted_ = new QSortFilterProxyModel(this);
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(SweepPointsModel::NumberRole);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("sweepPoints"));
    table_->setModel(sorted_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setSortingEnabled(true);
    table_->sortByColumn(0, Qt::AscendingOrder);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setAlternatingRowColors(true);

    summary_ = new QLabel(tr("Open a sweep folder (File > Open Sweep Folder)."), this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    open_ = new QPushButton(tr("&Open"), this);
    open_->setToolTip(tr("Show the selected point's run in the run views (several: the others overlaid)"));
    overlay_ = new QPushButton(tr("O&verlay"), this);
    overlay_->setToolTip(tr("Overlay the selected points' runs on the run shown"));
    refresh_ = new QPushButton(tr("&Refresh"), this);
    refresh_->setToolTip(tr("Read the points' logs again (done every 2 s while points run)"));
    stop_ = new QPushButton(tr("&Stop Sweep"), this);
    stop_->setToolTip(tr("Cancel the sweep's running points (their logs say cancelled); starting the same sweep "
                         "again resumes it"));
    stop_->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open_);
    buttons->addWidget(overlay_);
    buttons->addStretch(1);
    buttons->addWidget(stop_);
    buttons->addWidget(refresh_);

    knob_ = knobBox(this, tr("The swept setting on the horizontal axis"));
    heatX_ = knobBox(this, tr("The setting along the columns"));
    heatY_ = knobBox(this, tr("The setting along the rows"));
    knobPlot_ = new SweepKnobPlot(this);
    heatMap_ = new SweepHeatMap(this);
    parallel_ = new SweepParallelPlot(this);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(withChooser(knobPlot_, {{tr("Top-1 against"), knob_}}), tr("Top-1 against a setting"));
    tabs_->addTab(withChooser(heatMap_, {{tr("Columns"), heatX_}, {tr("Rows"), heatY_}}), tr("Heat map"));
    tabs_->addTab(parallel_, tr("Parallel coordinates"));

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(summary_);
    topLayout->addWidget(table_, 1);
    topLayout->addLayout(buttons);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(tabs_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(watcher_, &SweepWatcher::reportChanged, this, &SweepView::onReport);
    connect(watcher_, &SweepWatcher::readFailed, this, [this](const QString& e) {
        summary_->setText(e);
        emit message(e);
    });
    connect(stop_, &QPushButton::clicked, this, &SweepView::stopRequested);
    connect(refresh_, &QPushButton::clicked, watcher_, &SweepWatcher::refresh);
    connect(open_, &QPushButton::clicked, this, [this] { emit openRequested(selectedLogs()); });
    connect(overlay_, &QPushButton::clicked, this, [this] { emit overlayRequested(selectedLogs()); });
    connect(table_, &QTableView::doubleClicked, this, [this] { emit openRequested(selectedLogs()); });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SweepView::updateButtons);
    for (QComboBox* box : {knob_, heatX_, heatY_})
        connect(box, &QComboBox::activated, this, &SweepView::updatePlots);
    connect(parallel_, &SweepParallelPlot::pointClicked, this, [this](int point) { selectPoints({point}); });
    updateButtons();
}

void SweepView::openFolder(const QString& dir)
{
    summary_->setText(tr("Reading %1 ...").arg(QDir::toNativeSeparators(dir)));
    model_->setReport(adaround::Json::object());
    watcher_->open(dir);
}

QString SweepView::summaryText() const
{
    return summary_->text();
}

void SweepView::fillKnobs(QComboBox* box, const QStringList& keys, int fallback)
{
    const QString current = box->currentText();
    QStringList old;
    for (int i = 0; i < box->count(); ++i)
        old << box->itemText(i);
    if (old == keys)
        return;
    box->clear();
    box->addItems(keys);
    const int keep = int(keys.indexOf(current));
    box->setCurrentIndex(keep >= 0 ? keep : std::min(fallback, int(keys.size()) - 1));
}

void SweepView::onReport()
{
    const adaround::Json& r = watcher_->report();
    model_->setReport(r);
    const QStringList keys = model_->keys();
    fillKnobs(knob_, keys, 0);
    fillKnobs(heatX_, keys, 0);
    fillKnobs(heatY_, keys, 1);
    QStringList counts;
    const adaround::Json countsJson = r.value("counts", adaround::Json::object()); // items() needs it alive
    for (const auto& [state, n] : countsJson.items())
        counts << QStringLiteral("%1 %2").arg(n.get<int>()).arg(QString::fromStdString(state));
    QString text = (model_->rowCount() == 1 ? tr("<b>%1</b>: %3 point (%2)") : tr("<b>%1</b>: %3 points (%2)"))
                       .arg(QDir::toNativeSeparators(watcher_->dir()).toHtmlEscaped(), counts.join(QStringLiteral(", ")))
                       .arg(model_->rowCount());
    const adaround::Json best = r.value("best", adaround::Json());
    // The best group by its id, not its position: a damaged manifest may number groups anyhow.
    const adaround::Json* bestGroup = nullptr;
    if (best.is_object() && r.contains("groups"))
        for (const adaround::Json& g : r["groups"])
            if (g.value("group", adaround::Json()) == best.value("group", adaround::Json()))
                bestGroup = &g;
    if (bestGroup) {
        const adaround::Json& g = *bestGroup;
        QStringList settings;
        for (const auto& [k, v] : g["settings"].items())
            settings << QStringLiteral("%1=%2").arg(QString::fromStdString(k), QString::fromStdString(v.get<std::string>()));
        text += tr("; best: %1, AdaRound top-1 %2 ± %3 %")
                    .arg(settings.join(QLatin1Char(' ')).toHtmlEscaped())
                    .arg(g["top1"]["mean"].get<double>(), 0, 'f', 2)
                    .arg(g["top1"]["std"].get<double>(), 0, 'f', 2);
    }
    if (watcher_->isPolling())
        text += tr(" · live");
    summary_->setText(text);
    updatePlots();
    updateButtons();
}

void SweepView::updatePlots()
{
    const adaround::Json& r = model_->report();
    knobPlot_->setReport(r, knob_->currentText());
    heatMap_->setReport(r, heatX_->currentText(), heatY_->currentText());
    parallel_->setReport(r);
}

void SweepView::setKnob(const QString& key)
{
    knob_->setCurrentText(key);
    updatePlots();
}

void SweepView::setHeatMapKnobs(const QString& x, const QString& y)
{
    heatX_->setCurrentText(x);
    heatY_->setCurrentText(y);
    updatePlots();
}

void SweepView::selectPoints(const QList<int>& points)
{
    QItemSelection selection;
    for (int row = 0; row < model_->rowCount(); ++row)
        if (points.contains(model_->point(row).value("index", -1))) {
            const QModelIndex i = sorted_->mapFromSource(model_->index(row, 0));
            selection.select(i, i.siblingAtColumn(sorted_->columnCount() - 1));
        }
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        table_->scrollTo(selection.indexes().first());
}

QStringList SweepView::selectedLogs() const
{
    std::map<int, QString> logs; // in the table's order
    for (const QModelIndex& i : table_->selectionModel()->selectedRows()) {
        const int row = sorted_->mapToSource(i).row();
        const QString log = model_->logPath(row);
        if (!log.isEmpty())
            logs[i.row()] = log;
    }
    QStringList out;
    for (const auto& [row, log] : logs)
        out << log;
    return out;
}

void SweepView::setSweepRunning(bool running)
{
    stop_->setVisible(running);
    watcher_->setSweepRunning(running);
}

void SweepView::updateButtons()
{
    const bool any = !selectedLogs().isEmpty();
    open_->setEnabled(any);
    overlay_->setEnabled(any);
}
