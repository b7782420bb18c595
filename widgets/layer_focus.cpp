#include "layer_focus.h"

#include "histogram_history_plot.h"
#include "histogram_plot.h"
#include "loss_plot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <algorithm>

LayerFocus::LayerFocus(LossPlot* loss, HistogramPlot* histogram, HistogramHistoryPlot* history, QWidget* parent)
    : QWidget(parent), loss_(loss), histogram_(histogram), history_(history)
{
    slider_ = new QSlider(Qt::Horizontal);
    slider_->setObjectName(QStringLiteral("snapshotSlider"));
    slider_->setToolTip(tr("Scrub through the shown layer's h(V) snapshots"));
    slider_->setPageStep(1);
    label_ = new QLabel;
    label_->setObjectName(QStringLiteral("snapshotLabel"));
    // A width of its own: the text changes with every snapshot, and a label that
    // asked for more room would re-lay the dashboard (and replot its views) each time.
    label_->setFixedWidth(label_->fontMetrics().horizontalAdvance(tr("snapshot 99 of 99 · iteration 100,000")));
    followButton_ = new QToolButton;
    followButton_->setObjectName(QStringLiteral("followLive"));
    followButton_->setText(tr("Follow live"));
    followButton_->setToolTip(tr("Show the running layer again as the run goes on"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 0, 6, 2);
    row->addWidget(slider_, 1);
    row->addWidget(label_);
    row->addWidget(followButton_);
    connect(slider_, &QSlider::valueChanged, this, &LayerFocus::showSnapshot);
    connect(followButton_, &QToolButton::clicked, this, &LayerFocus::followLive);
    connect(loss_, &LossPlot::layerClicked, this, &LayerFocus::select);
    clear();
}

void LayerFocus::clear()
{
    layers_.clear();
    snapshots_.clear();
    selected_ = running_ = -1;
    follow_ = true;
    live_ = false;
    updateRow();
}

void LayerFocus::runStarted(bool live)
{
    clear();
    live_ = live;
    updateRow();
}

void LayerFocus::runEnded()
{
    live_ = false;
    updateRow();
}

const adaround::LayerStarted* LayerFocus::started(int layer) const
{
    for (const adaround::LayerStarted& s : layers_)
        if (s.layer == layer)
            return &s;
    return nullptr;
}

int LayerFocus::snapshotCount(int layer) const
{
    const auto it = snapshots_.find(layer);
    return it == snapshots_.end() ? 0 : int(it->second.size());
}

void LayerFocus::layerStarted(const adaround::LayerStarted& e)
{
    layers_.push_back(e);
    if (e.iterations <= 0)
        return; // round-to-nearest only: the views keep the last optimised layer
    running_ = e.layer;
    if (follow_)
        show(e.layer);
}

void LayerFocus::addSnapshot(const adaround::HistogramSnapshot& s)
{
    std::vector<adaround::HistogramSnapshot>& list = snapshots_[s.layer];
    list.push_back(s);
    if (s.layer != selected_)
        return;
    history_->addSnapshot(s);
    // The slider stays on the newest snapshot unless the user moved it back.
    const bool atNewest = slider_->value() >= slider_->maximum();
    const QSignalBlocker block(slider_);
    slider_->setMaximum(int(list.size()) - 1);
    if (atNewest) {
        slider_->setValue(slider_->maximum());
        histogram_->setSnapshot(s);
    }
    updateRow();
    emit redrawNeeded();
}

void LayerFocus::select(int layer)
{
    follow_ = live_ && layer == running_; // picking the running layer is following it
    show(layer);
}

void LayerFocus::followLive()
{
    follow_ = true;
    if (running_ >= 0)
        show(running_);
    updateRow();
}

void LayerFocus::show(int layer)
{
    const adaround::LayerStarted* s = started(layer);
    if (!s)
        return;
    selected_ = layer;
    const QString name = QString::fromStdString(s->name);
    const std::vector<adaround::HistogramSnapshot>& list = snapshots_[layer];
    if (s->iterations <= 0) {
        histogram_->showNoHistogram(layer, name);
        history_->clearData();
    } else {
        histogram_->setLayerName(layer, name);
        history_->startLayer(*s);
        for (const adaround::HistogramSnapshot& h : list)
            history_->addSnapshot(h);
        if (!list.empty())
            histogram_->setSnapshot(list.back());
    }
    {
        const QSignalBlocker block(slider_);
        slider_->setRange(0, std::max(0, int(list.size()) - 1));
        slider_->setValue(slider_->maximum());
    }
    loss_->selectLayer(layer);
    updateRow();
    emit layerShown(layer);
    emit redrawNeeded();
}

void LayerFocus::showSnapshot(int index)
{
    const auto it = snapshots_.find(selected_);
    if (it == snapshots_.end() || index < 0 || index >= int(it->second.size()))
        return;
    histogram_->setSnapshot(it->second[size_t(index)]);
    updateRow();
    emit redrawNeeded();
}

void LayerFocus::updateRow()
{
    const int n = snapshotCount(selected_);
    slider_->setEnabled(n > 1);
    if (n == 0) {
        label_->setText(tr("no snapshots"));
    } else {
        const auto& list = snapshots_.at(selected_);
        const int i = std::clamp(slider_->value(), 0, n - 1);
        label_->setText(tr("snapshot %1 of %2 · iteration %3")
                            .arg(i + 1)
                            .arg(n)
                            .arg(QLocale().toString(list[size_t(i)].iteration)));
    }
    followButton_->setVisible(live_ && !follow_);
}
