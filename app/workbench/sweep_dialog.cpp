#include "sweep_dialog.h"

#include "adaround/error.h"
#include "adaround/sweep_spec.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>

namespace {

QStringList lines(const QString& text)
{
    QStringList out;
    for (const QString& l : text.split(QLatin1Char('\n')))
        if (!l.trimmed().isEmpty())
            out << l.trimmed();
    return out;
}

} // namespace

SweepDialog::SweepDialog(const QString& defaultOutDir, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Sweep from Current Setup"));
    auto* intro = new QLabel(tr("Every point is a run of the current setup with the settings below changed, run by "
                                "<tt>adaround-cli sweep</tt> in the background; the sweep view shows the results as "
                                "they come. KEY is a run option without its dashes (<tt>lambda</tt>, <tt>iters</tt>, "
                                "<tt>calib-size</tt>, <tt>beta=20:2,10:2</tt>) or a layer's knob "
                                "(<tt>conv2.bits=2,3,4</tt>); see docs/cli.md."),
                             this);
    intro->setWordWrap(true);
    grid_ = new QPlainTextEdit(this);
    grid_->setObjectName(QStringLiteral("sweepGrid"));
    grid_->setPlaceholderText(QStringLiteral("lambda=0.001,0.01,0.1\nbeta=20:2,10:2"));
    grid_->setTabChangesFocus(true);
    seeds_ = new QSpinBox(this);
    seeds_->setRange(1, 100);
    seeds_->setToolTip(tr("Every point runs with the seeds SEED, SEED+1, ... (the same for every point)"));
    jobs_ = new QSpinBox(this);
    jobs_->setRange(1, std::max(1, QThread::idealThreadCount()));
    jobs_->setToolTip(tr("Runs at once on this machine; the threads are divided between them"));
    out_ = new QLineEdit(defaultOutDir, this);
    auto* browse = new QPushButton(tr("Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Sweep folder"), out_->text());
        if (!d.isEmpty())
            out_->setText(d);
    });
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(out_, 1);
    outRow->addWidget(browse);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Start Sweep"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("Settings to vary\n(KEY=V1,V2,...\none per line)"), grid_);
    form->addRow(tr("Seeds"), seeds_);
    form->addRow(tr("Parallel runs"), jobs_);
    form->addRow(tr("Output folder"), outRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(status_);
    layout->addWidget(buttons_);
    connect(grid_, &QPlainTextEdit::textChanged, this, &SweepDialog::check);
    connect(seeds_, &QSpinBox::valueChanged, this, &SweepDialog::check);
    connect(out_, &QLineEdit::textChanged, this, &SweepDialog::check);
    resize(560, 420);
    check();
}

SweepRequest SweepDialog::request() const
{
    return {lines(grid_->toPlainText()), seeds_->value(), jobs_->value(), out_->text().trimmed()};
}

void SweepDialog::setGrid(const QStringList& l)
{
    grid_->setPlainText(l.join(QLatin1Char('\n')));
}

int SweepDialog::pointCount(QString* error) const
{
    const QStringList axes = lines(grid_->toPlainText());
    if (axes.isEmpty()) {
        if (error)
            *error = tr("Give at least one setting to vary.");
        return -1;
    }
    int points = seeds_->value();
    for (const QString& a : axes) {
        try {
            points *= int(adaround::parseSweepAxis(a.toStdString()).values.size());
        } catch (const adaround::Error& e) {
            if (error)
                *error = QString::fromStdString(e.what());
            return -1;
        }
    }
    return points;
}

void SweepDialog::check()
{
    QString error;
    const int n = pointCount(&error);
    if (n > 0 && out_->text().trimmed().isEmpty())
        error = tr("Choose the output folder.");
    status_->setText(error.isEmpty() ? tr("%n run(s).", nullptr, n) : error);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}
