@NullMarked
package com.coaching.exports.shared.dataset;

import org.jspecify.annotations.NullMarked;
