#pragma once
// The calibration and evaluation image folders of a run and the optional class
// list (the model's class names in output order, as --classes FILE): a path
// field with a browse button each. The window remembers them in QSettings.
// A folder is checked as soon as it is chosen (in the background, with the
// run's own scan): the result shows beside it, an error in red, and problem()
// names it so that Run can refuse with the reason.
#include "folder_check.h"

#include <QWidget>

#include <string>
#include <vector>

class QLabel;
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

    // Everything chosen here, to restore exactly (undo).
    struct Choice {
        QString calib, eval, classesFile;
        std::vector<std::string> settingsNames;
    };
    Choice choice() const;
    void setChoice(const Choice& choice);

    // The latest checks of the two folders (Unchecked while empty or being scanned).
    const FolderCheck& calibCheck() const { return calibCheck_; }
    const FolderCheck& evalCheck() const { return evalCheck_; }
    bool checking() const { return checking_; }
    // "Calibration images: …" for a folder whose check failed; empty if none did.
    QString problem() const;

signals:
    void changed();
    void checked(); // new check results are shown

private:
    QLineEdit* addRow(const QString& label, const QString& tip, bool file);
    QLabel* addCheckRow(const QString& name);
    void showSettingsNames();
    void startCheck();
    void showCheck(QLabel* label, const FolderCheck& check);

    QLineEdit* calib_;
    QLineEdit* eval_;
    QLineEdit* classes_;
    QLabel* calibStatus_;
    QLabel* evalStatus_;
    std::vector<std::string> settingsNames_; // from loaded settings, while the file field is empty
    FolderCheck calibCheck_, evalCheck_;
    int checkGeneration_ = 0; // a newer choice makes older results stale
    bool checking_ = false;
};
