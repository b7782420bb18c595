#pragma once
// Run > Sweep from Current Setup: what varies (one KEY=V1,V2,... per line,
// checked as adaround-cli checks --grid), the seeds, the parallel jobs and the
// output folder; it says how many runs that makes before anything starts.
#include "sweep_launcher.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    explicit SweepDialog(const QString& defaultOutDir, QWidget* parent = nullptr);

    SweepRequest request() const;
    void setGrid(const QStringList& lines);
    // The runs the sweep makes, or -1 and the error of the first bad line.
    int pointCount(QString* error = nullptr) const;

private:
    void check();

    QPlainTextEdit* grid_;
    QSpinBox *seeds_, *jobs_;
    QLineEdit* out_;
    QLabel* status_;
    QDialogButtonBox* buttons_;
};
