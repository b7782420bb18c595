#include "study_window.h"

#include "adaround/overloaded.h"
#include "adaround/study_log.h"
#include "study_view.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

StudyWindow::StudyWindow(QWidget* parent) : QWidget(parent, Qt::Window)
{
    setWindowTitle(tr("Stochastic-Rounding Study"));
    layer_ = new QComboBox(this);
    layer_->setToolTip(tr("The layer rounded at random; every other layer stays in FP32"));
    bits_ = new QSpinBox(this);
    bits_->setRange(2, 8);
    bits_->setValue(4);
    bits_->setSuffix(tr(" bits"));
    samples_ = new QSpinBox(this);
    samples_->setRange(1, adaround::kMaxStudySamples);
    samples_->setValue(50);
    samples_->setToolTip(tr("Random roundings drawn; rounding i uses seed + i"));
    subset_ = new QSpinBox(this);
    subset_->setRange(0, 1000000);
    subset_->setValue(1000);
    subset_->setSpecialValueText(tr("whole folder"));
    subset_->setToolTip(tr("Evaluation images for each rounding's top-1 (0: the whole evaluation folder)"));
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1000000);
    adaround_ = new QCheckBox(tr("Also AdaRound on this layer (the Hyperparameters panel's knobs)"), this);
    start_ = new QPushButton(tr("&Start"), this);
    cancel_ = new QPushButton(tr("&Cancel"), this);
    open_ = new QPushButton(tr("&Open Study Log..."), this);
    progress_ = new QProgressBar(this);
    status_ = new QLabel(this);
    view_ = new StudyView(this);

    auto* form = new QFormLayout;
    form->addRow(tr("Layer"), layer_);
    auto* numbers = new QHBoxLayout;
    for (auto [label, box] : {std::pair<QString, QSpinBox*>{tr("Bits"), bits_},
                              {tr("Roundings"), samples_},
                              {tr("Eval images"), subset_},
                              {tr("Seed"), seed_}}) {
        numbers->addWidget(new QLabel(label, this));
        numbers->addWidget(box);
    }
    numbers->addStretch(1);
    form->addRow(numbers);
    form->addRow(adaround_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(cancel_);
    buttons->addWidget(open_);
    buttons->addWidget(progress_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);

    redraw_ = new QTimer(this);
    redraw_->setSingleShot(true);
    redraw_->setInterval(100);
    connect(redraw_, &QTimer::timeout, this, [this] {
        record_ = recorder_.record(); // one copy per redraw, not per event
        view_->setRecord(record_);
    });
    connect(start_, &QPushButton::clicked, this, [this] { startStudy(); });
    connect(cancel_, &QPushButton::clicked, this, &StudyWindow::cancelStudy);
    connect(open_, &QPushButton::clicked, this, &StudyWindow::chooseLog);
    connect(&runner_, &StudyRunner::studyEvent, this, &StudyWindow::onEvent);
    connect(&runner_, &StudyRunner::finished, this, &StudyWindow::onFinished);
    setRunning(false);
    resize(1280, 720);
}

StudyWindow::~StudyWindow()
{
    runner_.blockSignals(true);
    runner_.cancel();
    runner_.wait();
}

void StudyWindow::setBase(const adaround::AdaRoundConfig& config, const std::vector<adaround::LayerInfo>& layers)
{
    base_ = config;
    const QString chosen = layer_->currentText();
    layer_->clear();
    for (const adaround::LayerInfo& l : layers)
        layer_->addItem(QString::fromStdString(l.name));
    if (layer_->findText(chosen) >= 0)
        layer_->setCurrentText(chosen);
    seed_->setValue(int(std::min<uint64_t>(config.seed, uint64_t(seed_->maximum()))));
    bits_->setValue(config.bits.defaultBits);
    setRunning(runner_.isRunning());
}

QString StudyWindow::statusText() const
{
    return status_->text();
}

void StudyWindow::setRunning(bool running)
{
    start_->setEnabled(!running && layer_->count() > 0 && !base_.modelPath.empty());
    cancel_->setEnabled(running);
    open_->setEnabled(!running);
    for (QWidget* w : std::initializer_list<QWidget*>{layer_, bits_, samples_, subset_, seed_, adaround_})
        w->setEnabled(!running);
    if (!running && base_.modelPath.empty())
        status_->setText(tr("Open a model and its data folders in the main window first, or open a study log."));
}

bool StudyWindow::startStudy()
{
    adaround::StudyRequest request;
    request.config = base_;
    request.config.evalSubset = subset_->value();
    request.config.seed = uint64_t(seed_->value());
    request.layer = layer_->currentText().toStdString();
    request.bits = bits_->value();
    request.samples = samples_->value();
    request.withAdaRound = adaround_->isChecked();
    const QString dir = QString::fromStdString(adaround::defaultStudiesDir());
    QDir().mkpath(dir);
    const QString log = QString::fromStdString(adaround::defaultStudyLogPath(dir.toStdString()));
    QString error;
    recorder_ = {};
    record_ = {};
    view_->setRecord(record_);
    if (!runner_.start(request, log, &error)) {
        status_->setText(tr("Cannot start the study: %1").arg(error));
        return false;
    }
    status_->setText(tr("Study log: %1").arg(log));
    progress_->setRange(0, 0);
    setRunning(true);
    return true;
}

void StudyWindow::cancelStudy()
{
    runner_.cancel();
    status_->setText(tr("Cancelling after the current step..."));
}

void StudyWindow::onEvent(const SharedStudyEvent& event)
{
    recorder_.onEvent(*event);
    std::visit(adaround::overloaded{[this](const adaround::PhaseProgress& p) {
                                        progress_->setRange(0, int(std::max<int64_t>(1, p.total)));
                                        progress_->setValue(int(p.done));
                                        progress_->setFormat(QString::fromStdString(p.detail) + QStringLiteral(" %p%"));
                                    },
                                    [this](const auto&) {
                                        if (!redraw_->isActive())
                                            redraw_->start();
                                    }},
               *event);
}

void StudyWindow::onFinished()
{
    record_ = recorder_.record();
    view_->setRecord(record_);
    progress_->setRange(0, 1);
    progress_->setValue(1);
    setRunning(false);
    if (record_.end == adaround::RunEnd::Failed)
        status_->setText(tr("The study failed: %1").arg(QString::fromStdString(record_.error)));
    else
        status_->setText(tr("%1. Study log: %2")
                             .arg(record_.end == adaround::RunEnd::Completed ? tr("Done") : tr("Cancelled"))
                             .arg(runner_.logPath()));
    emit studyFinished();
}

bool StudyWindow::openStudyLog(const QString& path)
{
    try {
        const adaround::StudyLog log = adaround::readStudyLog(path.toStdString());
        record_ = log.record;
        view_->setRecord(record_);
        // The controls show what the stored study asked for.
        const adaround::StudySettings& s = record_.started.settings;
        if (layer_->findText(QString::fromStdString(s.layer)) < 0)
            layer_->addItem(QString::fromStdString(s.layer));
        layer_->setCurrentText(QString::fromStdString(s.layer));
        bits_->setValue(s.bits);
        samples_->setValue(s.samples);
        subset_->setValue(record_.started.config.evalSubset);
        seed_->setValue(int(std::min<uint64_t>(s.seed, uint64_t(seed_->maximum()))));
        adaround_->setChecked(s.withAdaRound);
        status_->setText(tr("Study log %1 (%2)").arg(path, QString::fromStdString(log.info.status)));
        return true;
    } catch (const std::exception& e) {
        status_->setText(tr("Cannot open the study log: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

void StudyWindow::chooseLog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Study Log"),
                                                      QString::fromStdString(adaround::defaultStudiesDir()),
                                                      tr("Study logs (*.h5)"));
    if (!path.isEmpty())
        openStudyLog(path);
}

void StudyWindow::closeEvent(QCloseEvent* event)
{
    if (runner_.isRunning()) {
        runner_.cancel(); // the window hides; the study stops at its next step and its log ends as cancelled
        status_->setText(tr("Cancelled when the window was closed."));
    }
    event->accept();
}
