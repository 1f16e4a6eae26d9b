package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A solution of a {@link FleetModel}: one route per truck (maybe empty) plus the stops left out. */
final class TripPlan {

    final TripRoute[] routes;
    final List<Integer> unassigned;

    TripPlan(TripRoute[] routes, List<Integer> unassigned) {
        this.routes = routes;
        this.unassigned = unassigned;
    }

    static TripPlan empty(FleetModel p) {
        TripRoute[] routes = new TripRoute[p.vehicleCount];
        for (int v = 0; v < routes.length; v++) {
            routes[v] = new TripRoute(p, v);
        }
        return new TripPlan(routes, new ArrayList<>());
    }

    TripPlan copy() {
        TripRoute[] copies = new TripRoute[routes.length];
        for (int v = 0; v < routes.length; v++) {
            copies[v] = routes[v].copy();
        }
        return new TripPlan(copies, new ArrayList<>(unassigned));
    }

    double routeCost() {
        double sum = 0;
        for (TripRoute route : routes) {
            sum += route.cost();
        }
        return sum;
    }

    double distance() {
        double sum = 0;
        for (TripRoute route : routes) {
            sum += route.distance;
        }
        return sum;
    }

    long missingWeight(FleetModel p) {
        long sum = 0;
        for (int stop : unassigned) {
            sum += p.dropWeight[stop];
        }
        return sum;
    }

    /** Route cost plus a penalty per unit of drop weight left out. */
    double cost(FleetModel p, double penalty) {
        return routeCost() + penalty * missingWeight(p);
    }

    int used() {
        int count = 0;
        for (TripRoute route : routes) {
            count += route.stops > 0 ? 1 : 0;
        }
        return count;
    }

    /** Route index of every stop, -1 when left out. */
    int[] routeOf(FleetModel p) {
        int[] of = new int[p.n];
        Arrays.fill(of, -1);
        for (int r = 0; r < routes.length; r++) {
            TripRoute route = routes[r];
            for (int i = 1; i < route.length - 1; i++) {
                if (route.isStop(route.nodes[i])) {
                    of[route.nodes[i]] = r;
                }
            }
        }
        return of;
    }
}
