#include "layer_lab_window.h"

#include "adaround/bit_plan.h"
#include "adaround/error.h"
#include "adaround/knobs.h"
#include "adaround/layer_overrides.h"
#include "knob_editor.h"
#include "lab_attempts_model.h"
#include "lab_attempts_table.h"
#include "lab_plots.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QStandardItemModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

enum ContextChoice { RtnPrefix, Fp32Prefix, ShownRun, OtherRun };

// The knobs the lab varies: every per-layer knob (bits, the optimisation
// knobs and the paper's design choices), in table order.
std::vector<const adaround::Knob*> labKnobs()
{
    std::vector<const adaround::Knob*> out;
    for (const adaround::Knob& k : adaround::knobTable())
        if (k.perLayer)
            out.push_back(&k);
    return out;
}

QString percent(const adaround::Accuracy& a)
{
    return QString::number(a.top1, 'f', 2) + QStringLiteral(" %");
}

} // namespace

LayerLabWindow::LayerLabWindow(QWidget* parent) : QWidget(parent, Qt::Window)
{
    setWindowTitle(tr("Layer Lab"));
    setObjectName(QStringLiteral("layerLab"));
    layer_ = new QComboBox;
    layer_->setToolTip(tr("The layer to optimise alone"));
    context_ = new QComboBox;
    context_->addItem(tr("Round-to-nearest prefix"));
    context_->addItem(tr("FP32 prefix (this layer alone quantized)"));
    context_->addItem(tr("The shown run's rounding"));
    context_->addItem(tr("Another stored run..."));
    context_->setToolTip(tr("Where the layer's input x^ comes from: the layers before it rounded to nearest, in "
                            "FP32, or as a stored run rounded them (the same settings and seed then reproduce "
                            "that run's layer). Top-1 is measured on this context model."));
    capture_ = new QPushButton(tr("Capture Inputs"));
    capture_->setToolTip(tr("Read the calibration images and capture the layer's inputs once; attempts reuse them"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Layer:")));
    top->addWidget(layer_);
    top->addWidget(new QLabel(tr("Inputs from:")));
    top->addWidget(context_, 1);
    top->addWidget(capture_);

    setupLabel_ = new QLabel(tr("Choose a layer and a context, then capture its inputs."));
    setupLabel_->setWordWrap(true);
    setupLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* knobBox = new QGroupBox(tr("Knobs of the next attempt"));
    auto* form = new QFormLayout(knobBox);
    for (const adaround::Knob* k : labKnobs()) {
        KnobEditor* e = KnobEditor::create(*k, knobBox);
        editors_.push_back(e);
        form->addRow(QString::fromStdString(k->label), e->widget());
    }
    attempt_ = new QPushButton(tr("Run Attempt"));
    attempt_->setToolTip(tr("AdaRound on this layer with these knobs (Ctrl+Return)"));
    attempt_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"));
    apply_ = new QPushButton(tr("Apply to Run Setup"));
    apply_->setToolTip(tr("Make the selected attempt's knobs this layer's per-layer overrides in the run setup"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(attempt_);
    buttons->addWidget(cancel_);
    auto* left = new QVBoxLayout;
    left->addWidget(knobBox);
    left->addLayout(buttons);
    left->addWidget(apply_);
    left->addStretch(1);
    auto* leftWidget = new QWidget;
    leftWidget->setLayout(left);
    leftWidget->setMaximumWidth(340);

    attempts_ = new LabAttemptsModel(this);
    table_ = new LabAttemptsTable(attempts_);
    plots_ = new LabPlots;
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(table_);
    right->addWidget(plots_);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 3);

    auto* middle = new QHBoxLayout;
    middle->addWidget(leftWidget);
    middle->addWidget(right, 1);
    progress_ = new QProgressBar;
    progress_->setTextVisible(true);
    status_ = new QLabel;
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(status_, 1);
    bottom->addWidget(progress_);
    auto* all = new QVBoxLayout(this);
    all->addLayout(top);
    all->addWidget(setupLabel_);
    all->addLayout(middle, 1);
    all->addLayout(bottom);

    redraw_ = new QTimer(this);
    redraw_->setSingleShot(true);
    redraw_->setInterval(100); // a burst of iteration events is one redraw
    connect(redraw_, &QTimer::timeout, this, &LayerLabWindow::redraw);
    connect(capture_, &QPushButton::clicked, this, &LayerLabWindow::capture);
    connect(attempt_, &QPushButton::clicked, this, &LayerLabWindow::runAttempt);
    connect(cancel_, &QPushButton::clicked, this, &LayerLabWindow::cancel);
    connect(apply_, &QPushButton::clicked, this, &LayerLabWindow::applySelected);
    connect(new QShortcut(QKeySequence(tr("Ctrl+Return")), this), &QShortcut::activated, this,
            &LayerLabWindow::runAttempt);
    connect(layer_, &QComboBox::currentTextChanged, this, [this] {
        showLayerSettings();
        updateButtons();
    });
    connect(context_, &QComboBox::currentIndexChanged, this, &LayerLabWindow::updateButtons);
    connect(attempts_, &LabAttemptsModel::shownChanged, this, &LayerLabWindow::redraw);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LayerLabWindow::updateButtons);
    connect(&runner_, &LayerLabRunner::progress, this, [this](const QString& stage, qint64 done, qint64 total) {
        status_->setText(stage);
        progress_->setRange(0, int(std::max<qint64>(1, total)));
        progress_->setValue(int(done));
    });
    connect(&runner_, &LayerLabRunner::opened, this, &LayerLabWindow::onOpened);
    connect(&runner_, &LayerLabRunner::attemptFinished, this, &LayerLabWindow::onAttempt);
    connect(&runner_, &LayerLabRunner::failed, this, &LayerLabWindow::onFailed);
    connect(&runner_, &LayerLabRunner::event, this, &LayerLabWindow::onEvent);
    resize(1300, 820);
    updateButtons();
}

LayerLabWindow::~LayerLabWindow() = default; // the runner cancels and waits

void LayerLabWindow::setBase(const adaround::AdaRoundConfig& config, const std::vector<adaround::LayerInfo>& layers,
                             const QString& layer, const QString& shownRunLog)
{
    base_ = config;
    layers_ = layers;
    shownRunLog_ = shownRunLog;
    const QSignalBlocker block(layer_);
    layer_->clear();
    const std::vector<int> bits = adaround::resolveBits(layers, config.bits);
    for (size_t i = 0; i < layers.size(); ++i)
        if (bits[i] > 0)
            layer_->addItem(QString::fromStdString(layers[i].name));
    const int at = layer_->findText(layer);
    layer_->setCurrentIndex(at >= 0 ? at : 0);
    auto* contexts = qobject_cast<QStandardItemModel*>(context_->model());
    if (contexts)
        contexts->item(ShownRun)->setEnabled(!shownRunLog.isEmpty());
    if (context_->currentIndex() == ShownRun && shownRunLog.isEmpty())
        context_->setCurrentIndex(RtnPrefix);
    showLayerSettings();
    updateButtons();
}

QString LayerLabWindow::currentLayer() const
{
    return layer_->currentText();
}

void LayerLabWindow::showLayerSettings()
{
    const std::string name = currentLayer().toStdString();
    if (name.empty())
        return;
    const adaround::AdaRoundConfig lc = adaround::layerConfig(base_, name);
    for (KnobEditor* e : editors_) {
        if (e->knob().key == "bits") {
            const auto it = std::find_if(layers_.begin(), layers_.end(),
                                         [&](const adaround::LayerInfo& l) { return l.name == name; });
            if (it != layers_.end())
                e->setValue(int64_t(adaround::resolveBits(layers_, base_.bits)[size_t(it - layers_.begin())]));
            continue;
        }
        e->setValue(e->knob().get(lc));
    }
}

bool LayerLabWindow::setKnob(const std::string& key, const adaround::KnobValue& value)
{
    for (KnobEditor* e : editors_)
        if (e->knob().key == key) {
            e->setValue(value);
            return true;
        }
    return false;
}

adaround::AdaRoundConfig LayerLabWindow::attemptKnobs() const
{
    adaround::AdaRoundConfig knobs = base_;
    const std::string layer = capturedLayer_.toStdString();
    const adaround::AdaRoundConfig lc = adaround::layerConfig(base_, layer);
    for (KnobEditor* e : editors_) {
        const adaround::KnobValue v = e->value();
        if (e->knob().key == "bits" || v != e->knob().get(lc))
            adaround::setLayerOverride(knobs, layer, e->knob().key, v);
    }
    return knobs;
}

bool LayerLabWindow::capture()
{
    if (runner_.isBusy() || currentLayer().isEmpty())
        return false;
    QString log;
    adaround::LabRequest request;
    request.config = base_;
    request.layer = currentLayer().toStdString();
    request.context = context_->currentIndex() == Fp32Prefix ? adaround::LabContext::Fp32 : adaround::LabContext::Rtn;
    if (context_->currentIndex() == ShownRun)
        log = shownRunLog_;
    if (context_->currentIndex() == OtherRun) {
        log = QFileDialog::getOpenFileName(this, tr("Stored Run as the Context"), QString(), tr("Run logs (*.h5)"));
        if (log.isEmpty())
            return false;
    }
    attempts_->clear();
    capturedLayer_.clear();
    setupLabel_->setText(tr("Capturing the inputs of %1...").arg(currentLayer()));
    if (!runner_.open(request, log))
        return false;
    capturedLayer_ = currentLayer();
    updateButtons();
    return true;
}

bool LayerLabWindow::runAttempt()
{
    if (!runner_.isOpen())
        return false;
    adaround::AdaRoundConfig knobs;
    try {
        knobs = attemptKnobs();
        knobs.validate();
    } catch (const adaround::Error& e) {
        onFailed(QString::fromStdString(e.what()));
        return false;
    }
    live_ = adaround::LabAttempt{};
    if (!runner_.attempt(knobs))
        return false;
    attempting_ = true;
    status_->setText(tr("Attempt %1 on %2...").arg(attempts_->rowCount() + 1).arg(capturedLayer_));
    updateButtons();
    return true;
}

void LayerLabWindow::cancel()
{
    runner_.cancel();
}

void LayerLabWindow::onOpened()
{
    const adaround::LabSetup& s = runner_.setup();
    attempts_->setReference(s);
    QString text = tr("<b>%1</b> (%2) at %3 bits: %4 calibration images captured in %5 s; round-to-nearest rec MSE "
                      "%6.")
                       .arg(QString::fromStdString(s.layer.name), QString::fromStdString(adaround::toString(s.layer.kind)))
                       .arg(s.bits)
                       .arg(s.calibImages)
                       .arg(s.captureSeconds, 0, 'f', 1)
                       .arg(s.recMseRtn, 0, 'g', 4);
    if (s.evalImages > 0)
        text += tr(" Top-1 on %1 images: FP32 model %2, context with this layer in FP32 %3, with it rounded to "
                   "nearest %4.")
                    .arg(s.evalImages)
                    .arg(percent(s.fp32), percent(s.context), percent(s.rtn));
    setupLabel_->setText(text);
    status_->setText(tr("Inputs captured: run attempts with any knobs."));
    progress_->setRange(0, 1);
    progress_->setValue(1);
    redraw();
    updateButtons();
    emit opened();
}

void LayerLabWindow::onAttempt(const SharedLabAttempt& a)
{
    attempting_ = false;
    const adaround::KnobOverrides diff =
        adaround::layerKnobDifferences(base_, a->knobs, layers_, capturedLayer_.toStdString());
    const QString name = diff.empty() ? tr("as the run setup") : QString::fromStdString(adaround::describeKnobValues(diff));
    attempts_->addAttempt(a, name);
    table_->selectRow(attempts_->rowCount() - 1);
    status_->setText(tr("Attempt %1 done in %2 s.").arg(attempts_->rowCount()).arg(a->seconds, 0, 'f', 1));
    redraw();
    updateButtons();
    emit attemptFinished();
}

void LayerLabWindow::onFailed(const QString& error)
{
    attempting_ = false;
    if (!runner_.isOpen() && !runner_.isBusy()) {
        capturedLayer_.clear();
        setupLabel_->setText(error.isEmpty() ? tr("Capture cancelled.") : tr("Cannot capture: %1").arg(error));
    }
    status_->setText(error.isEmpty() ? tr("Cancelled.") : error);
    redraw();
    updateButtons();
    emit failed(error);
}

void LayerLabWindow::onEvent(const SharedRunEvent& e)
{
    if (const auto* s = std::get_if<adaround::IterationStats>(e.get()))
        live_.stats.push_back(*s);
    else if (const auto* h = std::get_if<adaround::HistogramSnapshot>(e.get()))
        live_.histograms.push_back(*h);
    if (!live_.stats.empty()) {
        const int total = adaround::layerConfig(attemptKnobs(), capturedLayer_.toStdString()).iterations;
        progress_->setRange(0, total);
        progress_->setValue(live_.stats.back().iteration);
    }
    if (!redraw_->isActive())
        redraw_->start();
}

void LayerLabWindow::redraw()
{
    const double rtn = runner_.hasLab() ? runner_.setup().recMseRtn : 0; // the setup is fixed while attempts run
    plots_->showAttempts(attempts_->entries(), attempting_ ? &live_ : nullptr, attempts_->rowCount() + 1, rtn);
}

void LayerLabWindow::applySelected()
{
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const auto& entry = attempts_->entries().at(size_t(rows.front().row()));
    emit applyRequested(capturedLayer_, adaround::layerKnobDifferences(base_, entry.attempt->knobs, layers_,
                                                                       capturedLayer_.toStdString()));
}

void LayerLabWindow::updateButtons()
{
    const bool busy = runner_.isBusy();
    const bool open = runner_.isOpen() && capturedLayer_ == currentLayer();
    capture_->setEnabled(!busy && !currentLayer().isEmpty());
    layer_->setEnabled(!busy);
    context_->setEnabled(!busy);
    attempt_->setEnabled(open);
    cancel_->setEnabled(busy);
    apply_->setEnabled(!busy && open && table_->selectionModel()->hasSelection());
    for (KnobEditor* e : editors_)
        e->widget()->setEnabled(!busy);
}

QString LayerLabWindow::statusText() const
{
    return status_->text();
}

void LayerLabWindow::closeEvent(QCloseEvent* event)
{
    runner_.cancel(); // the capture stays for the next time the window opens
    QWidget::closeEvent(event);
}
