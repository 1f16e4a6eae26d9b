package org.clearway.lab.routing.ortools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;

import org.junit.jupiter.api.Test;

class SearchParametersTest {

    @Test
    void aSolutionLimitReachesOrToolsAndZeroLeavesItsDefault() {
        NativeLibraries.ensureLoaded();
        FirstSolutionStrategy.Value first = FirstSolutionStrategy.Value.PATH_CHEAPEST_ARC;
        SearchSettings limited = SearchSettings.defaults().withSolutionLimit(1500);
        assertThat(limited.metaheuristic()).isEqualTo(LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH);
        assertThat(SearchParameters.build(limited, first, Duration.ofSeconds(5)).getSolutionLimit()).isEqualTo(1500);
        long unlimited = SearchParameters.build(SearchSettings.defaults(), first, Duration.ofSeconds(5)).getSolutionLimit();
        assertThat(unlimited).isNotEqualTo(1500).isGreaterThan(1_000_000L);
    }

    @Test
    void aNegativeSolutionLimitIsRefused() {
        assertThatThrownBy(() -> SearchSettings.defaults().withSolutionLimit(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solution limit");
    }
}
