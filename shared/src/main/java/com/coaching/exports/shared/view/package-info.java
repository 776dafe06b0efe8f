@NullMarked
package com.coaching.exports.shared.view;

import org.jspecify.annotations.NullMarked;
