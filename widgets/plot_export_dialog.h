#pragma once
// File > Export > a plot: where to, at what size (presets or custom pixels),
// at what resolution, with which heading (the run's, editable). Non-modal, so
// a running run keeps drawing; writes through RunDashboard::exportPlot.
#include "plot_style.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;
class RunDashboard;

class PlotExportDialog : public QDialog {
    Q_OBJECT
public:
    PlotExportDialog(RunDashboard* dashboard, const QString& plotName, QWidget* parent = nullptr);

    // Opens one (deleted on close); the result shows in the status as the window wants.
    static PlotExportDialog* openFor(RunDashboard* dashboard, const QString& plotName, QWidget* parent);

    plotstyle::ExportOptions options() const;
    QString file() const;
    void setFile(const QString& file);
    void choosePreset(int index); // of presets()
    static QStringList presets(); // "On-screen size", "1600 × 900", ...

    // Writes the plot; false with error set (the dialog stays open).
    bool save(QString* error);

signals:
    void saved(const QString& file);
    void failed(const QString& error);

private:
    RunDashboard* dashboard_;
    QString plotName_;
    QLineEdit* file_;
    QComboBox* preset_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* dpi_;
    QLineEdit* heading_;
};
