#include "image_probe_p.h"

#include "adaround/error.h"
#include "image_decode_p.h"

namespace adaround {

ImageSet probeImage(const ImageFolder& folder, const Preprocess& pre)
{
    pre.validate();
    std::string firstSkipped;
    for (const ImageSample& sample : folder.samples()) {
        const DecodedImage d = decodeImage(sample.path, pre);
        if (d.fatal)
            throw Error(sample.path + ": " + d.error);
        if (!d.error.empty()) {
            if (firstSkipped.empty())
                firstSkipped = SkippedFile{sample.path, d.error}.describe();
            continue;
        }
        ImageSet one;
        one.root = folder.root();
        one.classes = folder.classes();
        one.presentClasses = folder.presentClasses();
        one.classOrigin = folder.classOrigin();
        one.images.shape = {1, pre.channels, d.image.rows, d.image.cols};
        one.images.values.resize(size_t(one.images.numel()));
        writeNormalised(d.image, pre, one.images.values.data());
        one.labels = {sample.label};
        one.files = {sample.path};
        return one;
    }
    throw Error(noImageReadable(folder.root(), int64_t(folder.samples().size()), firstSkipped));
}


} // namespace adaround
