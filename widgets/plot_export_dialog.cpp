#include "plot_export_dialog.h"

#include "run_dashboard.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <iterator>

#include <qcustomplot.h>

namespace {

struct Preset {
    int width, height;
};
// 0 × 0: the plot as it is on screen.
constexpr Preset kPresets[] = {{0, 0}, {1280, 720}, {1600, 900}, {1920, 1080}, {2400, 1350}, {1200, 1200}};
constexpr int kDpis[] = {96, 150, 192, 300};

} // namespace

QStringList PlotExportDialog::presets()
{
    QStringList out;
    for (const Preset& p : kPresets)
        out << (p.width == 0 ? tr("On-screen size") : QStringLiteral("%1 × %2").arg(p.width).arg(p.height));
    out << tr("Custom");
    return out;
}

PlotExportDialog::PlotExportDialog(RunDashboard* dashboard, const QString& plotName, QWidget* parent)
    : QDialog(parent), dashboard_(dashboard), plotName_(plotName)
{
    setWindowTitle(tr("Export the %1 plot").arg(plotName));
    file_ = new QLineEdit(QDir::home().filePath(plotName + QStringLiteral(".png")));
    auto* browse = new QPushButton(tr("Browse…"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse);
    preset_ = new QComboBox;
    preset_->addItems(presets());
    width_ = new QSpinBox;
    height_ = new QSpinBox;
    for (QSpinBox* s : {width_, height_}) {
        s->setRange(200, 10000);
        s->setSuffix(tr(" px"));
    }
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(height_);
    dpi_ = new QComboBox;
    for (int dpi : kDpis)
        dpi_->addItem(tr("%1 dpi").arg(dpi), dpi);
    dpi_->setToolTip(tr("Text and lines scale with the resolution: at 192 dpi they are twice as large "
                        "on the same pixels as at 96 dpi (PNG only)"));
    heading_ = new QLineEdit(dashboard->exportHeading());
    heading_->setToolTip(tr("A line above the plot's title: model, bits and run"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Size:"), preset_);
    form->addRow(tr("Pixels:"), sizeRow);
    form->addRow(tr("Resolution:"), dpi_);
    form->addRow(tr("Heading:"), heading_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    form->addRow(buttons);

    connect(preset_, &QComboBox::currentIndexChanged, this, &PlotExportDialog::choosePreset);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, windowTitle(), file(),
                                                       tr("PNG image (*.png);;PDF document (*.pdf)"));
        if (!f.isEmpty())
            setFile(f);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QString error;
        if (save(&error))
            accept();
        else
            emit failed(error);
    });
    choosePreset(2); // 1600 × 900: a slide
}

PlotExportDialog* PlotExportDialog::openFor(RunDashboard* dashboard, const QString& plotName, QWidget* parent)
{
    auto* dialog = new PlotExportDialog(dashboard, plotName, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void PlotExportDialog::choosePreset(int index)
{
    if (preset_->currentIndex() != index)
        preset_->setCurrentIndex(index); // comes back here through the signal
    const bool custom = index >= int(std::size(kPresets));
    width_->setEnabled(custom);
    height_->setEnabled(custom);
    if (custom)
        return;
    const Preset p = kPresets[index];
    const QCustomPlot* plot = dashboard_->plot(plotName_);
    width_->setValue(p.width > 0 ? p.width : (plot ? plot->width() : 1000));
    height_->setValue(p.height > 0 ? p.height : (plot ? plot->height() : 600));
}

plotstyle::ExportOptions PlotExportDialog::options() const
{
    plotstyle::ExportOptions o;
    if (preset_->currentIndex() != 0) { // on screen: the plot's own size and pixel ratio
        o.width = width_->value();
        o.height = height_->value();
        o.dpi = dpi_->currentData().toInt();
    }
    o.heading = heading_->text();
    return o;
}

QString PlotExportDialog::file() const { return file_->text(); }
void PlotExportDialog::setFile(const QString& file) { file_->setText(file); }

bool PlotExportDialog::save(QString* error)
{
    if (!dashboard_->exportPlot(plotName_, file(), options(), error))
        return false;
    emit saved(file());
    return true;
}
