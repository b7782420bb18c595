#pragma once
// The calibration and evaluation image folders of a run and the optional class
// list (the model's class names in output order, as --classes FILE): a path
// field with a browse button each. The window remembers them in QSettings.
#include <QWidget>

#include <string>
#include <vector>

class QLineEdit;

class DataFoldersWidget : public QWidget {
    Q_OBJECT
public:
    explicit DataFoldersWidget(QWidget* parent = nullptr);

    QString calibDir() const;
    QString evalDir() const;
    void setFolders(const QString& calib, const QString& eval);

    QString classesFile() const;
    void setClassesFile(const QString& path);
    // The run's class names: the class-list file's (read now; throws
    // adaround::Error naming the file and line), else those of loaded settings,
    // else none (the calibration folder's subfolders).
    std::vector<std::string> classNames() const;
    // Where classNames() come from, for messages: "the class list FILE", "".
    std::string classesOrigin() const;
    // Names from loaded settings: kept unless the file field gives the same names.
    void setClassNames(const std::vector<std::string>& names);

signals:
    void changed();

private:
    QLineEdit* addRow(const QString& label, const QString& tip, bool file);
    void showSettingsNames();

    QLineEdit* calib_;
    QLineEdit* eval_;
    QLineEdit* classes_;
    std::vector<std::string> settingsNames_; // from loaded settings, while the file field is empty
};
