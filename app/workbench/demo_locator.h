#pragma once
// Where the embedded Fashion-MNIST demo lives: the committed model (source tree
// or install prefix) and the image folders that adaround-prepare-demo writes to
// the user's cache.
#include <QString>

struct DemoLocation {
    QString model;    // fmnist_cnn.pt
    QString calibDir; // <cache>/adaround-workbench/fmnist-v1/calib
    QString evalDir;
    bool ready = false;       // all three exist
    QString prepareProgram;   // adaround-prepare-demo, if found; empty otherwise
};

DemoLocation locateDemo();
