#pragma once
// The calibration and evaluation image folders of a run: a path field with a
// browse button each. The window remembers them in QSettings.
#include <QWidget>

class QLineEdit;

class DataFoldersWidget : public QWidget {
    Q_OBJECT
public:
    explicit DataFoldersWidget(QWidget* parent = nullptr);

    QString calibDir() const;
    QString evalDir() const;
    void setFolders(const QString& calib, const QString& eval);

signals:
    void changed();

private:
    QLineEdit* addRow(const QString& label, const QString& tip);

    QLineEdit* calib_;
    QLineEdit* eval_;
};
