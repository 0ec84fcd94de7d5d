import type { ApolloServerPlugin } from '@apollo/server';
import { unfitInput } from './operation-checks';

/** Input hygiene (operation-checks.ts) on HTTP, once the operation is parsed and before it runs. */
export function inputHygienePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const unfit = unfitInput(request.variables, document);
          if (unfit) throw unfit;
        },
      };
    },
  };
}
