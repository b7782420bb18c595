#include "flips_view.h"

#include "adaround/flip_stats.h"
#include "flips_side_plots.h"
#include "flips_store.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

FlipsView::FlipsView(FlipsStore* store, QWidget* parent) : QWidget(parent), store_(store)
{
    layers_ = new QComboBox(this);
    layers_->setToolTip(tr("The layer shown; it follows the layer picked in the results table or the loss plot"));
    mode_ = new QComboBox(this);
    mode_->addItem(tr("Decision (every weight)"));
    mode_->addItem(tr("Final h(V) (sampled weights)"));
    mode_->setToolTip(tr("y: the rounding chosen (up or down) for every weight, or the final h(V) of the weights "
                         "whose trajectory the run kept"));
    channel_ = new QSpinBox(this);
    channel_->setRange(-1, 0);
    channel_->setSpecialValueText(tr("All channels"));
    channel_->setPrefix(tr("channel "));
    channel_->setToolTip(tr("Show one output channel's weights (the kernel grid follows it)"));
    explain_ = new QToolButton(this);
    explain_->setText(tr("What am I looking at?"));
    explain_->setCheckable(true);
    explain_->setChecked(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Layer:"), this));
    controls->addWidget(layers_, 1);
    controls->addWidget(new QLabel(tr("y:"), this));
    controls->addWidget(mode_);
    controls->addWidget(channel_);
    controls->addWidget(explain_);

    explanation_ = new QLabel(explanation(), this);
    explanation_->setWordWrap(true);
    explanation_->setTextFormat(Qt::RichText);
    explanation_->setFrameShape(QFrame::StyledPanel);
    explanation_->setMargin(4);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setObjectName(QStringLiteral("flipsStatus"));
    weight_ = new QLabel(tr("Hover a point: its channel, index, value and h(V) trajectory."), this);
    weight_->setWordWrap(true);
    weight_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    scatter_ = new FlipsScatter(this);
    trajectories_ = new FlipTrajectoryPlot(this);
    shares_ = new FlipShareBars(this);
    kernel_ = new KernelGridPlot(this);
    auto* side = new QSplitter(Qt::Vertical, this);
    side->addWidget(trajectories_);
    side->addWidget(shares_);
    side->addWidget(kernel_);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scatter_);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(explanation_);
    layout->addWidget(status_);
    layout->addWidget(split, 1);
    layout->addWidget(weight_);

    connect(explain_, &QToolButton::toggled, explanation_, &QLabel::setVisible);
    connect(layers_, &QComboBox::activated, this, [this](int i) { showLayer(layers_->itemData(i).toInt()); });
    connect(mode_, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(channel_, &QSpinBox::valueChanged, this, [this] { redraw(); });
    connect(scatter_, &FlipsScatter::weightHovered, this, [this](qint64 i) { hoverWeight(i); });
    connect(store_, &FlipsStore::changed, this, &FlipsView::storeChanged);
    storeChanged(-1);
}

QString FlipsView::explanation()
{
    return tr("<p><b>Who flipped?</b> Each point is one weight w of the layer. Its position between the two grid "
              "points below and above it is the <i>fraction</i> f = w/s − ⌊w/s⌋ (s: the channel's grid step). "
              "Round-to-nearest goes down when f &lt; 0.5 and up when f ≥ 0.5 (dashed line). AdaRound instead learns "
              "h(V) in [0, 1] per weight to minimise the layer's output error ‖Wx − W̃x‖², and rounds up where "
              "h(V) ≥ 0.5. <span style='color:#d95f02'>Orange</span> points went the other way from nearest: "
              "a weight at f = 0.45 rounded <i>up</i>, or at f = 0.6 rounded <i>down</i>, because together with its "
              "neighbours that lowers the output error (the cross terms ΔwᵢΔwⱼ of the Hessian). Flips gather near "
              "f = 0.5 (bars at the right), where either rounding costs about the same alone.</p>");
}

void FlipsView::storeChanged(int layer)
{
    fillLayerCombo();
    if (layer == -1) // a new run: keep the layer if it has a rounding, else the first that has
        showLayer(store_->weights(layer_) ? layer_ : -1);
    else if (layer == layer_ || layer_ < 0)
        showLayer(layer_ < 0 ? layer : layer_);
}

void FlipsView::fillLayerCombo()
{
    const QSignalBlocker quiet(layers_);
    layers_->clear();
    const auto& table = store_->layers();
    for (int l : store_->layersWithWeights()) {
        const QString name = size_t(l) < table.size() ? QString::fromStdString(table[size_t(l)].name) : QString::number(l);
        layers_->addItem(name, l);
    }
    const int at = layers_->findData(layer_);
    if (at >= 0)
        layers_->setCurrentIndex(at);
}

void FlipsView::showLayer(int layer)
{
    if (layer < 0 && layers_->count() > 0)
        layer = layers_->itemData(0).toInt();
    layer_ = layer;
    {
        const QSignalBlocker quiet(layers_);
        layers_->setCurrentIndex(layers_->findData(layer));
        const adaround::QuantizedLayer* w = store_->weights(layer);
        const QSignalBlocker quietChannel(channel_);
        const int channels = w && !w->shape.empty() ? int(w->shape[0]) : 0;
        if (channel_->maximum() != channels - 1) {
            channel_->setRange(-1, std::max(-1, channels - 1));
            channel_->setValue(-1);
        }
    }
    redraw();
}

void FlipsView::setChannel(int64_t channel) { channel_->setValue(int(channel)); }

void FlipsView::setMode(FlipsScatter::YMode mode) { mode_->setCurrentIndex(mode == FlipsScatter::YMode::Decision ? 0 : 1); }

QString FlipsView::statusText() const { return status_->text(); }
QString FlipsView::weightText() const { return weight_->text(); }

void FlipsView::redraw()
{
    const auto& table = store_->layers();
    const QString name = layer_ >= 0 && size_t(layer_) < table.size() ? QString::fromStdString(table[size_t(layer_)].name)
                                                                      : QString();
    const adaround::QuantizedLayer* w = store_->weights(layer_);
    auto nothing = [this](const QString& why) {
        status_->setText(why);
        scatter_->showNothing(tr("Who flipped"));
        trajectories_->clearSamples(tr("No trajectories"));
        shares_->setStats({});
        kernel_->clearKernel(tr("Kernel grid: conv layers only"));
    };
    if (!store_->hasRun())
        return nothing(tr("No run shown: run AdaRound, or open a run log (File > Open Log)."));
    if (!w) {
        if (layer_ >= 0 && layer_ == store_->runningLayer())
            return nothing(tr("%1 is being optimised: who flipped is known when it ends.").arg(name));
        return nothing(layer_ < 0 ? tr("No layer has ended yet.")
                                  : tr("%1 has no stored rounding (kept in float, or the run stopped before it).").arg(name));
    }
    if (!adaround::hasFlipData(*w))
        return nothing(tr("This log predates the Who Flipped data: it stores the rounding of %1 but not the weights' "
                          "fractional positions nor their h(V) trajectories. Run it again to see who flipped.")
                           .arg(name));
    const int64_t channel = channel_->value();
    const auto& samples = store_->samples(layer_);
    const auto mode = mode_->currentIndex() == 0 ? FlipsScatter::YMode::Decision : FlipsScatter::YMode::FinalH;
    scatter_->showLayer(name, *w, samples.empty() ? nullptr : &samples.back(), channel, mode);
    trajectories_->setSamples(*w, samples);
    const adaround::FlipStats s = adaround::flipStats(*w, 10, channel);
    shares_->setStats(s);
    kernel_->setKernel(*w, std::max<int64_t>(channel, 0));
    const QLocale l;
    QString text = tr("%1: %2 of %3 weights (%4%) rounded the other way from nearest: %5 up instead of down, %6 down "
                      "instead of up.")
                       .arg(name, l.toString(qlonglong(s.flipped)), l.toString(qlonglong(s.weights)))
                       .arg(s.weights ? 100.0 * double(s.flipped) / double(s.weights) : 0.0, 0, 'f', 2)
                       .arg(l.toString(qlonglong(s.flippedUp)), l.toString(qlonglong(s.flippedDown)));
    if (const adaround::LayerFinished* f = store_->finished(layer_)) {
        if (!f->optimised)
            text += tr(" Rounded to nearest by configuration: nothing flips.");
        else if (f->keptRtn)
            text += tr(" Its hard rounding did worse than nearest, so nearest was kept: nothing flips.");
    }
    if (mode == FlipsScatter::YMode::FinalH && samples.empty())
        text += tr(" No h(V) samples stored for this layer.");
    status_->setText(text);
}

QString FlipsView::describeWeight(int64_t index) const
{
    const adaround::QuantizedLayer* w = store_->weights(layer_);
    if (!w || !adaround::hasFlipData(*w) || index < 0 || index >= int64_t(w->fraction.size()))
        return tr("Hover a point: its channel, index, value and h(V) trajectory.");
    const int64_t per = std::max<int64_t>(1, adaround::weightsPerChannel(*w));
    const int64_t channel = index / per, within = index % per;
    QString where = tr("output channel %1, weight %2").arg(channel).arg(QLocale().toString(qlonglong(index)));
    if (w->shape.size() == 4) {
        const int64_t kw = w->shape[3], taps = w->shape[2] * kw;
        where += tr(" (input channel %1, tap row %2 column %3)").arg(within / taps).arg(within % taps / kw).arg(within % kw);
    } else {
        where += tr(" (input %1)").arg(within);
    }
    const float f = w->fraction[size_t(index)];
    const bool up = w->roundedUp[size_t(index)] != 0, nearUp = adaround::nearestRoundsUp(f);
    QString text = tr("%1: fraction %2, nearest %3, AdaRound %4%5")
                       .arg(where)
                       .arg(double(f), 0, 'f', 3)
                       .arg(nearUp ? tr("up") : tr("down"), up ? tr("up") : tr("down"))
                       .arg(up != nearUp ? tr(" (flipped)") : QString());
    // The value s·(⌊w/s⌋ + f), ⌊w/s⌋ from the code unless it was clipped at the grid's edge.
    const size_t g = w->grid.scale.size() == 1 ? 0 : size_t(channel);
    if (g < w->grid.scale.size() && g < w->grid.zeroPoint.size()) {
        const int code = w->codes[size_t(index)], qmax = (1 << w->grid.bits) - 1;
        if (code > 0 && code < qmax) {
            const double floorW = double(code) - double(up) - double(w->grid.zeroPoint[g]);
            text += tr(", value %1").arg(double(w->grid.scale[g]) * (floorW + double(f)), 0, 'g', 4);
        } else {
            text += tr(", value unknown (its code is at the grid's edge, %1)").arg(code);
        }
    }
    return text;
}

void FlipsView::hoverWeight(int64_t index)
{
    weight_->setText(describeWeight(index));
    const bool inSample = trajectories_->highlight(index);
    if (index >= 0 && !inSample && trajectories_->sampleCount() > 0)
        weight_->setText(weight_->text() + tr("; not in the trajectory sample"));
    const adaround::QuantizedLayer* w = store_->weights(layer_);
    if (w && index >= 0 && channel_->value() < 0 && adaround::hasFlipData(*w))
        kernel_->setKernel(*w, index / std::max<int64_t>(1, adaround::weightsPerChannel(*w)));
}
