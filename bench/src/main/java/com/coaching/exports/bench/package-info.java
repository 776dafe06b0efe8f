@NullMarked
package com.coaching.exports.bench;

import org.jspecify.annotations.NullMarked;
