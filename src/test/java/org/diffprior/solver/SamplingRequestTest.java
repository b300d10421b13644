package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The request's builder: defaults, a complete {@code toBuilder} and requests that builders cannot change. */
class SamplingRequestTest {

    @Test
    void toBuilderKeepsEveryOptionAndBuiltRequestsStayAsTheyWere() {
        Measurement measurement = Measurement.of(DenseMatrixOperator.boxDownsampling(8, 8, 2), new float[16]);
        StepHook hook = state -> state.measurement();
        DataConsistency projection = new ProjectionDataConsistency();
        float[] estimate = new float[64];
        SamplingRequest.Builder builder = SamplingRequest.builder(8, 6).particles(3).seed(7)
                .schedule(LinearBetaSchedule.ddpm()).steps(9).timeGrid(TimeGrid.UNIFORM_LOG_SNR)
                .method(SamplerMethod.UNIPC).eta(0.3).lowerOrderFinal(false).measurement(measurement)
                .dataConsistency(projection).finalConsistency(projection).stepHook(hook).warmStart(estimate, 0.5);
        SamplingRequest request = builder.build();
        builder.particles(5).seed(8).method(SamplerMethod.DDIM);

        SamplingRequest copy = request.toBuilder().build();
        for (SamplingRequest r : new SamplingRequest[] {request, copy}) {
            assertEquals(8, r.height());
            assertEquals(6, r.width());
            assertEquals(3, r.particles());
            assertEquals(7, r.seed());
            assertEquals(9, r.steps());
            assertEquals(TimeGrid.UNIFORM_LOG_SNR, r.timeGrid());
            assertEquals(SamplerMethod.UNIPC, r.method());
            assertEquals(0.3, r.eta());
            assertEquals(false, r.lowerOrderFinal());
            assertSame(measurement, r.measurement());
            assertSame(projection, r.dataConsistency());
            assertSame(projection, r.finalConsistency());
            assertSame(hook, r.stepHook());
            assertSame(estimate, r.warmStart());
            assertEquals(0.5, r.startTime());
        }
        assertSame(request.schedule(), copy.schedule());
        SamplingRequest changed = request.toBuilder().particles(2).build();
        assertEquals(2, changed.particles());
        assertEquals(3, request.particles());
    }

    @Test
    void defaultsAreThoseOfTheBundledModels() {
        SamplingRequest request = SamplingRequest.builder(64, 32).build();
        assertEquals(1, request.particles());
        assertEquals(50, request.steps());
        assertEquals(TimeGrid.UNIFORM_TIME, request.timeGrid());
        assertEquals(SamplerMethod.DDIM, request.method());
        assertEquals(0, request.eta());
        assertEquals(true, request.lowerOrderFinal());
        assertSame(DataConsistency.NONE, request.dataConsistency());
        assertSame(DataConsistency.NONE, request.finalConsistency());
        assertSame(StepHook.NONE, request.stepHook());
        assertEquals(request.schedule().tMax(), request.startTime());
        assertEquals(CosineSchedule.forResolution(64).alpha(0.5), request.schedule().alpha(0.5));
    }
}
