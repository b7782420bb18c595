#include "sha256_p.h"

#include "adaround/error.h"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

namespace adaround {
namespace {

// One digest computation; feed() as often as needed, then hex() once.
class Digest {
public:
    Digest() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free)
    {
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
            throw Error("SHA-256 is not available from libcrypto");
    }
    void feed(const void* data, size_t size)
    {
        if (EVP_DigestUpdate(ctx_.get(), data, size) != 1)
            throw Error("SHA-256 update failed");
    }
    std::string hex()
    {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        if (EVP_DigestFinal_ex(ctx_.get(), md, &n) != 1)
            throw Error("SHA-256 finalisation failed");
        std::string out(size_t(n) * 2, '0');
        for (unsigned i = 0; i < n; ++i)
            std::snprintf(&out[2 * i], 3, "%02x", md[i]);
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

} // namespace

std::string sha256Hex(const std::string& bytes)
{
    return sha256Hex(bytes.data(), bytes.size());
}

std::string sha256Hex(const void* data, size_t size)
{
    Digest d;
    d.feed(data, size);
    return d.hex();
}

std::string sha256File(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot read the file to fingerprint it");
    Digest d;
    std::vector<char> buffer(size_t(1) << 20);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        d.feed(buffer.data(), size_t(in.gcount()));
    }
    if (in.bad())
        throw Error(path + ": read error while fingerprinting it");
    return d.hex();
}

} // namespace adaround
