@NullMarked
package com.coaching.exports.worker.delivery;

import org.jspecify.annotations.NullMarked;
