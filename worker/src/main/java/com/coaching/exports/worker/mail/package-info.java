@NullMarked
package com.coaching.exports.worker.mail;

import org.jspecify.annotations.NullMarked;
