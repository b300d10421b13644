package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.diffprior.classical.FbpFilter;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.CtAngles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The CT and SR requests own their defaults, resolve auto and report bad values by parameter. */
class CtSrRequestTest {

    private static final FloatImage SINOGRAM = new FloatImage(16, 6, 1, new float[16 * 6]);
    private static final double[] ANGLES = CtAngles.equispaced(0, 180, 6);
    private static final FloatImage LOW_RES = FloatImage.of(8, 8, new float[64]);

    private static String keyOf(Executable build) {
        return assertThrows(InvalidInputException.class, build).parameter().orElse("none");
    }

    @Test
    void ctDefaultsAreResolvedFromTheData() {
        CtRequest request = CtRequest.builder(SINOGRAM, ANGLES).method("SART").build();
        assertEquals("sart", request.method());
        assertFalse(request.auto());
        assertEquals(16, request.size(), "the number of detector bins");
        assertEquals(6, request.classical().subsets(), "10 subsets, or the number of views if fewer");
        assertEquals(CtRequest.DEFAULT_RELAXATION, request.classical().relaxation());
        assertEquals(CtRequest.DEFAULT_LAMBDA, request.classical().lambda());
        assertEquals(FbpFilter.RAM_LAK, request.classical().filter());
        assertNull(request.noise());
        assertNull(request.model(), "no prior for a classical method");
        assertNull(request.diffusion());
    }

    @Test
    void ctAutoIsDiffusionWithAGivenModelAndItsSettingsAreCheckedOnlyThen() {
        CtRequest auto = CtRequest.builder(SINOGRAM, ANGLES).model(" my-prior ").diffusion(DiffusionSettings.defaults())
                .build();
        assertTrue(auto.auto());
        assertTrue(auto.isDiffusion());
        assertFalse(auto.autoWithoutPrior());
        assertEquals("my-prior", auto.model());
        // A classical method never asks for the diffusion settings, so bad ones there are not its concern.
        CtRequest fbp = CtRequest.builder(SINOGRAM, ANGLES).method("fbp").diffusion(() -> {
            throw new AssertionError("asked for diffusion settings");
        }).build();
        assertEquals("fbp", fbp.method());
        assertEquals("start_noise", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("diffusion").model("m")
                .diffusion(DiffusionSettings.defaults().withStartNoise(0.2)).build()));
    }

    @Test
    void ctBadValuesAreKeyedByTheirParameter() {
        assertEquals("method", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("magic").build()));
        assertEquals("filter", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).filter("box").build()));
        assertEquals("angles", keyOf(() -> CtRequest.builder(SINOGRAM, CtAngles.equispaced(0, 180, 7)).build()));
        assertEquals("size", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("sart").size(20).build()));
        assertEquals("subsets", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("sart").subsets(7).build()));
        assertEquals("relaxation",
                keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("sart").relaxation(2).build()));
        assertEquals("iterations", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("tv").iterations(0).build()));
        assertEquals("lambda", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("tv").lambda(-1).build()));
        assertEquals("i0", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("fbp").noise(0.0, 0.02).build()));
        assertEquals("steps", keyOf(() -> CtRequest.builder(SINOGRAM, ANGLES).method("diffusion").model("m")
                .diffusion(() -> new DiffusionSettings(0, 1, 0, 1, 5)).build()));
        assertEquals(20, CtRequest.builder(SINOGRAM, ANGLES).method("fbp").size(20).build().size(), "fbp may resize");
    }

    @Test
    void srChecksTheScaleByMethodAndResolvesTheModel() {
        SrRequest lanczos = SrRequest.builder(LOW_RES, 1).method("lanczos").degradation("BOX").build();
        assertEquals("box", lanczos.degradation());
        assertNull(lanczos.model());
        assertEquals(8, lanczos.width());
        SrRequest diffusion = SrRequest.builder(LOW_RES, 4).model("my-prior").build();
        assertEquals(SrRequest.DEFAULT_METHOD, diffusion.method());
        assertEquals(SrRequest.DEFAULT_DEGRADATION, diffusion.degradation());
        // SR's own default: two posterior samples, the other settings as every task's.
        assertEquals(DiffusionSettings.defaults().withSamples(2), diffusion.diffusion());
        assertEquals(1, DiffusionSettings.defaults().samples());
        assertEquals(DiffusionSettings.defaults().withSamples(2),
                CtRequest.builder(SINOGRAM, ANGLES).method("diffusion").model("m").build().diffusion(),
                "CT takes two samples too");
        assertEquals(DiffusionSettings.defaults().withSamples(2),
                CtRequest.builder(SINOGRAM, ANGLES).model("m").build().diffusion(), "and so does CT's auto");
        assertEquals(32, diffusion.height());

        assertEquals("scale", keyOf(() -> SrRequest.builder(LOW_RES, 1).model("m").build()));
        assertEquals("scale", keyOf(() -> SrRequest.builder(LOW_RES, 17).method("bicubic").build()));
        assertEquals("degradation", keyOf(() -> SrRequest.builder(LOW_RES, 2).degradation("gauss").build()));
        assertEquals("method", keyOf(() -> SrRequest.builder(LOW_RES, 2).method("nearest").build()));
        assertEquals("noise_sigma", keyOf(() -> SrRequest.builder(LOW_RES, 2).model("m").noiseSigma(-0.1).build()));
        assertEquals("start_noise", keyOf(() -> SrRequest.builder(LOW_RES, 2).model("m")
                .diffusion(DiffusionSettings.defaults().withStartNoise(0.2)).build()));
    }

    @Test
    void theDefaultModelRuleNamesTheModelParameter() {
        assertEquals("given", Priors.modelName(" given ", Priors.Task.SR));
        Optional<String> bundled = Priors.defaultModel(Priors.Task.CT);
        if (bundled.isPresent()) {
            assertEquals(bundled.get(), Priors.modelName("", Priors.Task.CT));
        } else {
            assertEquals("model", keyOf(() -> Priors.modelName(null, Priors.Task.CT)));
        }
    }
}
