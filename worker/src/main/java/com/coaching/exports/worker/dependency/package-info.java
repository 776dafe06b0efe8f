@NullMarked
package com.coaching.exports.worker.dependency;

import org.jspecify.annotations.NullMarked;
