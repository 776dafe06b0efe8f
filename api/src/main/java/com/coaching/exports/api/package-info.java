@NullMarked
package com.coaching.exports.api;

import org.jspecify.annotations.NullMarked;
