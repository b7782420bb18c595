#include "sensitivity_actions.h"

#include "adaround/error.h"
#include "layer_table_model.h"
#include "worker_thread.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QLocale>
#include <QMenu>

#include <map>

namespace {

const std::vector<int> kWidths{2, 3, 4, 8}; // 2: the bars; all four: the plan's choices

std::vector<adaround::PlanLayer> planLayers(const adaround::SensitivityReport& r)
{
    std::vector<adaround::PlanLayer> out;
    for (const auto& l : r.layers) {
        adaround::PlanLayer p{l.layer.name, l.weights, {}};
        for (const auto& [bits, s] : l.bits)
            p.options[bits] = {s.drop, s.mse};
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

SensitivityActions::SensitivityActions(QMenu* run, LayerTableModel* layers, ConfigSource config, QObject* parent)
    : QObject(parent), layers_(layers), config_(std::move(config)), worker_(new WorkerThread(this))
{
    analyse_ = run->addAction(tr("Per-Layer &Sensitivity and Plan..."), this, &SensitivityActions::askAndStart);
    analyse_->setToolTip(tr("Each layer alone rounded to nearest at 2, 3, 4 and 8 bits on the eval subset: its top-1 "
                            "drop as a bar in the layer table, and the per-layer bits that lose least for a size "
                            "budget (as adaround-cli sensitivity)"));
    apply_ = run->addAction(tr("&Apply Sensitivity Plan"), this, &SensitivityActions::applyPlan);
    apply_->setToolTip(tr("Give every layer the bits of the last sensitivity plan"));
    apply_->setEnabled(false);
}

SensitivityActions::~SensitivityActions()
{
    blockSignals(true);
    closing_ = true;
    cancel();
    wait();
}

void SensitivityActions::askAndStart()
{
    bool ok = false;
    if (budgetSource_)
        budget_ = budgetSource_();
    QWidget* window = QApplication::activeWindow();
    const double bits = QInputDialog::getDouble(window, tr("Sensitivity and Plan"),
                                                tr("Weight budget, average bits per weight (2-8):"), budget_, 2.0,
                                                8.0, 2, &ok);
    if (ok)
        start(bits);
}

bool SensitivityActions::start(double averageBits)
{
    if (worker_->isRunning())
        return false;
    adaround::SensitivityRequest request;
    try {
        const adaround::AdaRoundConfig c = config_();
        if (c.modelPath.empty())
            throw adaround::Error("open a model first");
        if (c.evalDir.empty())
            throw adaround::Error("choose the evaluation image folder");
        request = adaround::sensitivityRequestFor(c, kWidths);
    } catch (const adaround::Error& e) {
        emit error(tr("Cannot analyse: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    budget_ = averageBits;
    report_ = {};
    plan_ = {};
    planMeasured_ = false;
    error_.clear();
    analyse_->setEnabled(false);
    apply_->setEnabled(false);
    auto* control = new adaround::RunControl;
    control_ = control;
    // The worker writes the results; the GUI reads them after the thread has finished.
    auto job = [this, request, control, averageBits] {
        try {
            adaround::SensitivityAnalysis analysis(request);
            report_ = analysis.run(
                [this](const adaround::Progress& p) {
                    emit progress(tr("Sensitivity: %1 (%2 of %3)")
                                      .arg(QString::fromStdString(p.stage))
                                      .arg(p.done)
                                      .arg(p.total));
                },
                *control);
            if (report_.cancelled) {
                error_ = tr("cancelled");
                return;
            }
            const auto layers = planLayers(report_);
            plan_ = adaround::planPrecision(layers, adaround::budgetForAverageBits(layers, averageBits));
            measured_ = analysis.evaluateBits(plan_.bits);
        } catch (const std::exception& e) {
            error_ = QString::fromStdString(e.what());
        } catch (...) {
            error_ = tr("unexpected error");
        }
    };
    return worker_->start(QStringLiteral("adaround-sensitivity"), job, [this] { finish(); });
}

void SensitivityActions::finish()
{
    delete control_;
    control_ = nullptr;
    if (closing_ || !layers_)
        return;
    analyse_->setEnabled(enabled_);
    if (!report_.layers.empty()) {
        std::vector<double> drops;
        for (const auto& l : report_.layers)
            drops.push_back(l.bits.at(kWidths.front()).drop);
        layers_->setSensitivity(drops, kWidths.front());
        emit reportReady();
    }
    if (!error_.isEmpty()) {
        if (error_ != tr("cancelled"))
            emit error(tr("Sensitivity failed: %1").arg(error_));
        return;
    }
    apply_->setEnabled(enabled_ && hasPlan());
    planMeasured_ = hasPlan();
    emit planChanged();
    const QLocale locale;
    QStringList bits;
    for (size_t i = 0; i < plan_.bits.size(); ++i)
        bits << QStringLiteral("%1 %2").arg(QString::fromStdString(report_.layers[i].layer.name)).arg(plan_.bits[i]);
    emit info(tr("Sensitivity on %1 eval images: bars show each layer's 2-bit drop. Plan for %2 bits per weight: "
                 "%3 (%4 KB, predicted top-1 %5%, measured %6%, FP32 %7%). Run > Apply Sensitivity Plan sets them.")
                  .arg(locale.toString(qlonglong(report_.evalImages)), locale.toString(budget_, 'f', 2),
                       bits.join(QStringLiteral(", ")),
                       locale.toString(double(plan_.sizeBits) / 8.0 / 1024.0, 'f', 1),
                       locale.toString(report_.fp32.top1 - plan_.predictedDrop, 'f', 2),
                       locale.toString(measured_.top1, 'f', 2), locale.toString(report_.fp32.top1, 'f', 2)));
}

bool SensitivityActions::isRunning() const
{
    return worker_->isRunning();
}

void SensitivityActions::cancel()
{
    if (control_)
        control_->cancel();
}

void SensitivityActions::wait()
{
    worker_->wait();
}

void SensitivityActions::setEnabled(bool enabled)
{
    enabled_ = enabled;
    analyse_->setEnabled(enabled && !isRunning());
    apply_->setEnabled(enabled && !isRunning() && hasPlan());
}

bool SensitivityActions::replan(double averageBits)
{
    if (isRunning() || report_.layers.empty() || report_.cancelled)
        return false;
    budget_ = averageBits;
    planMeasured_ = false;
    try {
        const auto layers = planLayers(report_);
        plan_ = adaround::planPrecision(layers, adaround::budgetForAverageBits(layers, averageBits));
    } catch (const adaround::Error&) {
        plan_ = {}; // below the smallest plan
    }
    apply_->setEnabled(enabled_ && hasPlan());
    emit planChanged();
    return hasPlan();
}

void SensitivityActions::applyPlan()
{
    if (!hasPlan())
        return;
    const auto& layers = layers_->layers();
    if (layers.size() != report_.layers.size()) {
        emit error(tr("The plan is for another model: analyse this one first."));
        return;
    }
    std::map<int, QList<int>> rowsByBits;
    for (size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].name != report_.layers[i].layer.name) {
            emit error(tr("The plan is for another model: analyse this one first."));
            return;
        }
        rowsByBits[plan_.bits[i]] << int(i);
    }
    for (const auto& [bits, rows] : rowsByBits)
        layers_->setBits(rows, bits);
    emit info(tr("Applied the sensitivity plan: %1 bits per weight on average.")
                  .arg(QLocale().toString(plan_.averageBits(), 'f', 2)));
}
