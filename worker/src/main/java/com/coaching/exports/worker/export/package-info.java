@NullMarked
package com.coaching.exports.worker.export;

import org.jspecify.annotations.NullMarked;
