#include "ablation_window.h"

#include "ablation_chart.h"
#include "adaround/error.h"
#include "adaround/file_io.h"

#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

AblationWindow::AblationWindow(QWidget* parent) : QWidget(parent, Qt::Window)
{
    setWindowTitle(tr("Design-Choice Ablation"));
    setObjectName(QStringLiteral("ablation"));
    variants_ = new QListWidget;
    for (const adaround::AblationVariant& v : adaround::ablationVariants()) {
        auto* item = new QListWidgetItem(QString::fromStdString(v.name), variants_);
        item->setToolTip(QString::fromStdString(v.description));
        item->setCheckState(Qt::Checked);
    }
    variants_->setMaximumHeight(170);
    seeds_ = new QSpinBox;
    seeds_->setRange(1, 20);
    seeds_->setValue(3);
    seeds_->setToolTip(tr("Seeds per variant: the setup's seed, seed + 1, ...; every variant on the same seeds"));
    setup_ = new QLabel;
    setup_->setWordWrap(true);
    start_ = new QPushButton(tr("Run Ablation"));
    cancel_ = new QPushButton(tr("Cancel"));
    open_ = new QPushButton(tr("Open Results..."));
    open_->setToolTip(tr("Show a result saved here or printed by adaround-cli ablate --json"));
    save_ = new QPushButton(tr("Save Results..."));
    auto* form = new QFormLayout;
    form->addRow(tr("Variants:"), variants_);
    form->addRow(tr("Seeds:"), seeds_);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {start_, cancel_, open_, save_})
        buttons->addWidget(b);
    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(setup_);
    left->addLayout(buttons);
    left->addStretch(1);
    auto* leftWidget = new QWidget;
    leftWidget->setLayout(left);
    leftWidget->setMaximumWidth(420);

    table_ = new QTableWidget(0, 5);
    table_->setHorizontalHeaderLabels({tr("Variant"), tr("Top-1 mean"), tr("± std"), tr("Top-1 per seed"), tr("Rec MSE")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    chart_ = new AblationChart;
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(table_);
    right->addWidget(chart_);
    right->setStretchFactor(1, 2);
    auto* middle = new QHBoxLayout;
    middle->addWidget(leftWidget);
    middle->addWidget(right, 1);
    bar_ = new QProgressBar;
    status_ = new QLabel;
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(status_, 1);
    bottom->addWidget(bar_);
    auto* all = new QVBoxLayout(this);
    all->addLayout(middle, 1);
    all->addLayout(bottom);

    connect(start_, &QPushButton::clicked, this, &AblationWindow::start);
    connect(cancel_, &QPushButton::clicked, this, &AblationWindow::cancel);
    connect(open_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Ablation Results"), QString(),
                                                          tr("Ablation results (*.json)"));
        if (!path.isEmpty())
            openResult(path);
    });
    connect(save_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Ablation Results"), QString(),
                                                          tr("Ablation results (*.json)"));
        if (!path.isEmpty())
            saveResult(path);
    });
    connect(this, &AblationWindow::progress, this, [this](const QString& text, int done, int total) {
        status_->setText(text);
        bar_->setRange(0, std::max(1, total));
        bar_->setValue(done);
    });
    resize(1200, 760);
    setRunning(false);
}

AblationWindow::~AblationWindow()
{
    cancel();
    worker_.wait();
}

void AblationWindow::setBase(const adaround::AdaRoundConfig& config)
{
    base_ = config;
    setup_->setText(tr("Whole runs of the setup: %1 bits, %2 iterations per layer, %3 calibration images, top-1 on "
                       "the whole evaluation folder. Each variant at each seed is one run.")
                        .arg(config.bits.defaultBits)
                        .arg(config.iterations)
                        .arg(config.calibSize));
}

std::vector<adaround::AblationVariant> AblationWindow::chosenVariants() const
{
    std::vector<adaround::AblationVariant> out;
    for (int i = 0; i < variants_->count(); ++i)
        if (variants_->item(i)->checkState() == Qt::Checked)
            out.push_back(adaround::ablationVariants().at(size_t(i)));
    return out;
}

bool AblationWindow::start()
{
    if (worker_.isRunning())
        return false;
    const std::vector<adaround::AblationVariant> variants = chosenVariants();
    if (variants.empty() || base_.modelPath.empty()) {
        status_->setText(variants.empty() ? tr("Choose at least one variant.")
                                          : tr("Open a model and its folders first."));
        return false;
    }
    control_ = std::make_unique<adaround::RunControl>();
    auto result = std::make_shared<adaround::AblationResult>();
    const adaround::AdaRoundConfig config = base_;
    const int seeds = seeds_->value();
    adaround::RunControl* control = control_.get();
    const bool started = worker_.start(
        QStringLiteral("adaround-ablation"),
        [this, config, variants, seeds, control, result] {
            *result = adaround::runAblation(
                config, variants, seeds,
                [this](const adaround::AblationProgress& p) {
                    emit progress(p.variant.empty() ? tr("Done.")
                                                    : tr("Run %1 of %2: %3, seed %4")
                                                          .arg(p.done + 1)
                                                          .arg(p.total)
                                                          .arg(QString::fromStdString(p.variant))
                                                          .arg(p.seed),
                                  p.done, p.total);
                },
                *control);
        },
        [this, result] { onFinished(*result); });
    if (started)
        setRunning(true);
    return started;
}

void AblationWindow::cancel()
{
    if (control_)
        control_->cancel();
}

void AblationWindow::onFinished(const adaround::AblationResult& result)
{
    setRunning(false);
    if (!result.error.empty())
        status_->setText(tr("The ablation failed: %1").arg(QString::fromStdString(result.error)));
    else if (result.cancelled)
        status_->setText(tr("Cancelled; the seeds every variant completed are shown."));
    else
        status_->setText(tr("Done: %1 per variant.")
                             .arg(result.seeds.size() == 1 ? tr("one seed") : tr("%1 seeds").arg(result.seeds.size())));
    if (result.error.empty())
        showResult(result);
    emit finished();
}

void AblationWindow::showResult(const adaround::AblationResult& result)
{
    result_ = result;
    table_->setRowCount(0);
    for (const adaround::AblationRow& row : result.rows) {
        const int r = table_->rowCount();
        table_->insertRow(r);
        QStringList seeds;
        for (double t : row.top1)
            seeds << QString::number(t, 'f', 2);
        const QStringList cells = {QString::fromStdString(row.variant.name), QString::number(row.mean(), 'f', 2),
                                   QString::number(row.std(), 'f', 2), seeds.join(QStringLiteral(", ")),
                                   row.variant.isRtn || row.recMse.empty() ? QStringLiteral("-")
                                                                           : QString::number(row.meanRecMse(), 'g', 4)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 0)
                item->setToolTip(QString::fromStdString(row.variant.description));
            else
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(r, c, item);
        }
    }
    chart_->setResult(result);
    save_->setEnabled(!result.rows.empty() && !worker_.isRunning());
}

bool AblationWindow::openResult(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > (16 << 20)) {
        status_->setText(tr("Cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    try {
        showResult(adaround::ablationFromJson(f.readAll().toStdString()));
    } catch (const adaround::Error& e) {
        status_->setText(tr("%1: %2").arg(path, QString::fromStdString(e.what())));
        return false;
    }
    status_->setText(tr("Showing %1").arg(path));
    return true;
}

bool AblationWindow::saveResult(const QString& path) const
{
    try {
        adaround::writeFileAtomically(path.toStdString(), adaround::ablationToJson(result_) + "\n", "ablation results");
    } catch (const adaround::Error& e) {
        status_->setText(QString::fromStdString(e.what()));
        return false;
    }
    status_->setText(tr("Saved %1").arg(path));
    return true;
}

void AblationWindow::setRunning(bool running)
{
    start_->setEnabled(!running);
    cancel_->setEnabled(running);
    open_->setEnabled(!running);
    save_->setEnabled(!running && !result_.rows.empty());
    variants_->setEnabled(!running);
    seeds_->setEnabled(!running);
}

QString AblationWindow::statusText() const
{
    return status_->text();
}
