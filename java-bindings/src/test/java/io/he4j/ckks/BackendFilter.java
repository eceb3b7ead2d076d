package io.he4j.ckks;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * For a backend that was not built, keeps only {@link BackendBuiltTest}, which reports it as not applicable:
 * one visible line instead of a suite of silent skips. Registered by service loading.
 */
public final class BackendFilter implements PostDiscoveryFilter {
    @Override
    public FilterResult apply(TestDescriptor d) {
        if (BackendUnderTest.STATE != BackendUnderTest.State.NOT_BUILT) {
            return FilterResult.included("backend " + BackendUnderTest.NAME + " is tested");
        }
        String cls = d.getSource().map(s -> s instanceof MethodSource m ? m.getClassName()
                : s instanceof ClassSource c ? c.getClassName() : "").orElse("");
        return cls.isEmpty() || cls.equals(BackendBuiltTest.class.getName())
                ? FilterResult.included("reports the backend as not applicable")
                : FilterResult.excluded(BackendUnderTest.notApplicable());
    }
}
