@NullMarked
package com.coaching.exports.worker;

import org.jspecify.annotations.NullMarked;
