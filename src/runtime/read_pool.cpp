#include "runtime/read_pool.hpp"

#include <boost/asio/post.hpp>

namespace jne::runtime {

read_pool::read_pool(unsigned threads) : threads_(threads == 0 ? 1 : threads) {}

read_pool::~read_pool() { stop(); }

void read_pool::post(std::function<void()> read) { boost::asio::post(threads_, std::move(read)); }

void read_pool::stop() { threads_.join(); }

}  // namespace jne::runtime
