@NullMarked
package com.coaching.exports.worker.lease;

import org.jspecify.annotations.NullMarked;
