/**
 * The demo newsstand's articles: short fictional news written for kiosque,
 * so the reader can be tried with no network. Four sites with four kinds of
 * markup (see templates.ts). Order within a site is oldest first.
 */
export interface DemoArticle {
  slug: string;
  title: string;
  section: string;
  author: string;
  paragraphs: string[];
  /** An intertitle placed before the last paragraph. */
  subheading?: string;
}

export interface DemoSite {
  id: 'gazette' | 'harbour' | 'carnet' | 'notes';
  name: string;
  lang: 'fr' | 'en';
  articles: DemoArticle[];
}

const a = (slug: string, title: string, section: string, author: string, paragraphs: string[], subheading?: string): DemoArticle =>
  subheading ? { slug, title, section, author, paragraphs, subheading } : { slug, title, section, author, paragraphs };

export const SITES: DemoSite[] = [
  {
    id: 'gazette',
    name: 'La Gazette du Quai',
    lang: 'fr',
    articles: [
      a(
        'le-port-agrandit-son-quai-nord',
        'Le port agrandit son quai nord pour accueillir les ferries',
        'Économie',
        'Claire Morvan',
        [
          'Les travaux d’extension du quai nord commenceront au printemps, a annoncé mardi la direction du port, qui veut accueillir deux ferries de plus chaque semaine.',
          'Le chantier, estimé à 18 millions d’euros, doit durer quatorze mois. Les riverains redoutent le bruit ; la direction promet des horaires aménagés.',
          'Les premières rotations supplémentaires sont attendues pour l’été suivant.',
        ],
        'Un chantier de quatorze mois',
      ),
      a('la-bibliotheque-ouvre-le-dimanche', 'La bibliothèque municipale ouvrira désormais le dimanche', 'Culture', 'Hugo Lemaire', [
        'À partir du mois prochain, la médiathèque du centre ouvrira ses portes le dimanche de 14 heures à 18 heures.',
        'Une demande ancienne des familles, selon l’adjointe à la culture, qui a recruté trois vacataires pour assurer ces nouveaux créneaux.',
        'Un bilan sera fait au bout de six mois.',
      ]),
      a('greve-des-bus-lundi', 'Grève des bus lundi : le trafic fortement perturbé', 'Société', 'Claire Morvan', [
        'Un bus sur trois circulera lundi, prévient la régie des transports, à la suite d’un préavis de grève déposé par deux syndicats.',
        'Les lignes scolaires seront assurées en priorité. Les usagers sont invités à consulter l’application avant de partir.',
        'Les négociations salariales reprendront mercredi.',
      ]),
      a('un-festival-de-jazz-sur-les-docks', 'Un festival de jazz s’installe sur les docks cet été', 'Culture', 'Inès Barbier', [
        'Trois soirs de concerts gratuits, une scène flottante et une quinzaine de formations : le premier festival de jazz des docks se dévoile.',
        'Les organisateurs attendent 10 000 spectateurs et misent sur des musiciens de la région.',
        'La programmation complète sera publiée le mois prochain.',
      ]),
      a(
        'le-marche-couvert-renove',
        'Le marché couvert rouvre après deux ans de rénovation',
        'Société',
        'Hugo Lemaire',
        [
          'Verrière nettoyée, étals neufs et chauffage au sol : le marché couvert a rouvert samedi matin devant une foule de curieux.',
          'Quarante commerçants ont retrouvé leur place, six nouveaux les ont rejoints.',
          '« On a retrouvé nos habitués dès la première heure », sourit une fromagère installée là depuis vingt ans.',
        ],
        'Quarante commerçants de retour',
      ),
      a('tempete-alerte-orange', 'Tempête : le département placé en vigilance orange', 'Météo', 'Inès Barbier', [
        'Des rafales jusqu’à 110 km/h sont attendues sur le littoral dans la nuit de jeudi à vendredi, selon les prévisionnistes.',
        'La préfecture recommande de limiter les déplacements et d’éviter les promenades en bord de mer.',
        'Les ferries du matin pourraient être annulés.',
      ]),
      a('la-piscine-olympique-en-retard', 'La piscine olympique accuse un an de retard', 'Économie', 'Claire Morvan', [
        'Le chantier du futur centre aquatique ne sera pas livré avant l’automne prochain, a reconnu la mairie lors du conseil municipal.',
        'En cause, des malfaçons sur la charpente et la défaillance d’une entreprise de second œuvre.',
        'Le surcoût est évalué à 2,4 millions d’euros.',
      ]),
      a('les-lyceens-plantent-une-foret', 'Des lycéens plantent une mini-forêt dans la cour', 'Société', 'Hugo Lemaire', [
        'Six cents jeunes arbres, vingt essences locales : les élèves du lycée maritime ont planté vendredi une « micro-forêt » sur 200 mètres carrés.',
        'Le projet, suivi par une association, doit rafraîchir la cour pendant les vagues de chaleur.',
        'Les élèves en assureront l’arrosage pendant trois ans.',
      ]),
      a('le-phare-ouvert-au-public', 'Le vieux phare sera ouvert au public cet été', 'Culture', 'Inès Barbier', [
        'Fermé depuis 1998, le phare de la pointe ouvrira ses 214 marches aux visiteurs de juin à septembre.',
        'Les visites, limitées à douze personnes, se feront sur réservation.',
        'La commune espère 15 000 visiteurs dès la première saison.',
      ]),
      a('record-de-frequentation-au-musee', 'Record de fréquentation pour le musée de la marine', 'Culture', 'Claire Morvan', [
        'Avec 84 000 entrées l’an dernier, le musée de la marine a battu son record, porté par l’exposition consacrée aux cartes anciennes.',
        'La direction veut prolonger l’exposition jusqu’à la fin de l’année.',
        'Un nouvel espace pour les enfants ouvrira au printemps.',
      ]),
      a(
        'velos-en-libre-service',
        'Les vélos en libre-service arrivent dans trois quartiers',
        'Société',
        'Hugo Lemaire',
        [
          'Trente stations et 300 vélos, dont un tiers électriques, seront installés d’ici la fin de l’année dans le centre et sur le port.',
          'L’abonnement annuel coûtera 30 euros, 15 euros pour les étudiants.',
          'Une extension aux communes voisines est à l’étude.',
        ],
        'Trente stations d’ici la fin de l’année',
      ),
      a('le-conseil-vote-le-budget', 'Le conseil municipal adopte un budget en hausse', 'Économie', 'Inès Barbier', [
        'Le budget a été adopté jeudi soir par 29 voix contre 10, après quatre heures de débats.',
        'Il prévoit 12 millions d’euros d’investissements, dont la moitié pour les écoles et la voirie.',
        'L’opposition dénonce une hausse de la dette ; la majorité parle de « rattrapage ».',
      ]),
    ],
  },
  {
    id: 'harbour',
    name: 'The Harbour Times',
    lang: 'en',
    articles: [
      a('new-ferry-route-to-the-islands', 'New ferry route to the islands opens next month', 'Travel', 'Daniel Price', [
        'A new ferry service will link the harbour to the northern islands three times a week from next month, the operator said on Monday.',
        'Crossings will take just under two hours, and bicycles travel free during the first season.',
        'Tickets go on sale on Friday.',
      ]),
      a(
        'council-approves-sea-wall',
        'Council approves sea wall after years of debate',
        'Local',
        'Maya Fenwick',
        [
          'Councillors voted on Tuesday to build a 900-metre sea wall along the eastern promenade, ending a debate that has lasted six years.',
          'The project will cost £14 million, most of it from a national flood-defence fund.',
          'Work is expected to start in the autumn.',
        ],
        'Six years of debate',
      ),
      a('fishermen-report-record-catch', 'Fishermen report a record mackerel catch', 'Business', 'Daniel Price', [
        'Local boats landed more mackerel last week than in any week since records began, the harbour master said.',
        'Prices at the morning auction fell by a fifth as buyers struggled to keep up.',
        'Scientists say warmer water may be bringing the shoals closer to shore.',
      ]),
      a('library-launches-night-opening', 'Library launches late-night opening for students', 'Local', 'Maya Fenwick', [
        'The central library will stay open until midnight during the exam season, a first for the town.',
        'The trial follows a petition signed by more than 2,000 students.',
        'Coffee will be allowed on the ground floor only.',
      ]),
      a('storm-closes-coastal-path', 'Storm damage closes part of the coastal path', 'Weather', 'Owen Hart', [
        'A two-mile stretch of the coastal path will remain closed for several weeks after Saturday’s storm brought down part of the cliff.',
        'Walkers are asked to follow signed diversions inland.',
        'Engineers will assess the cliff once the ground has dried.',
      ]),
      a(
        'tech-start-up-moves-into-old-warehouse',
        'Tech start-up moves into the old grain warehouse',
        'Business',
        'Owen Hart',
        [
          'A software company with 40 staff has signed a ten-year lease on the listed grain warehouse by the docks.',
          'The building had been empty for a decade.',
          'The firm plans to open its ground floor to community events.',
        ],
        'A listed building reborn',
      ),
      a('school-wins-robotics-prize', 'Harbour school wins national robotics prize', 'Education', 'Maya Fenwick', [
        'A team of six pupils from Harbour Secondary took first place at the national robotics finals with a machine that sorts recycling.',
        'Their teacher said the team had worked every lunch break since September.',
        'The pupils will represent the country at the European finals in May.',
      ]),
      a('market-hall-reopens', 'Market hall reopens after two-year restoration', 'Local', 'Daniel Price', [
        'The Victorian market hall reopened on Saturday with forty stalls, new lighting and a restored glass roof.',
        'Traders said trade on the first day was the busiest they could remember.',
        'The hall will open on Sundays during the summer.',
      ]),
      a('lifeboat-crew-celebrates-centenary', 'Lifeboat crew celebrates its centenary', 'Local', 'Owen Hart', [
        'The harbour lifeboat station marked one hundred years of service with an open day attended by thousands.',
        'Volunteers have launched more than 4,000 times since 1925.',
        'A new boat will arrive next spring.',
      ]),
      a('housing-plan-for-the-docks', 'Housing plan for the docks goes on show', 'Local', 'Maya Fenwick', [
        'Plans for 600 homes on the former dockyard went on public display on Wednesday.',
        'A third of the homes would be affordable, the developer says, and the quay would stay open to the public.',
        'Residents have until the end of next month to comment.',
      ]),
    ],
  },
  {
    id: 'carnet',
    name: 'Le Carnet des Ruelles',
    lang: 'fr',
    articles: [
      a('la-boulangerie-de-la-rue-haute', 'La boulangerie de la rue Haute fête ses cent ans', 'Quartier', 'Jeanne Caradec', [
        'Quatre générations de boulangers se sont succédé derrière le comptoir de la rue Haute.',
        'Pour l’anniversaire, la maison ressort la recette de la brioche de 1924.',
        'Les habitants sont invités à apporter leurs vieilles photos du quartier.',
      ]),
      a('un-jardin-partage-rue-des-tanneurs', 'Un jardin partagé voit le jour rue des Tanneurs', 'Quartier', 'Jeanne Caradec', [
        'Une friche de 400 mètres carrés est devenue un jardin cultivé par une trentaine de voisins.',
        'Chacun dispose d’une parcelle ; les outils sont mis en commun dans une cabane.',
        'Les premières récoltes seront partagées lors d’un repas de rue en septembre.',
      ]),
      a('le-cinema-de-quartier-sauve', 'Le cinéma de quartier sauvé par ses spectateurs', 'Culture', 'Paul Quéré', [
        'Menacé de fermeture, le petit cinéma de la place a été racheté par une coopérative de 900 spectateurs.',
        'Chaque part coûte 50 euros et donne droit à une voix en assemblée.',
        'La programmation restera tournée vers le cinéma d’auteur.',
      ]),
      a('la-fete-des-voisins-revient', 'La fête des voisins revient avec une grande tablée', 'Quartier', 'Paul Quéré', [
        'Une table de 120 mètres traversera la rue des Ruelles le dernier samedi du mois.',
        'Chacun apporte un plat et sa chaise ; la mairie prête les tréteaux.',
        'En cas de pluie, la fête se repliera sous la halle.',
      ]),
      a('les-escaliers-repeints', 'Les escaliers de la butte repeints par des élèves', 'Culture', 'Jeanne Caradec', [
        'Cent douze marches, dix couleurs : les élèves de l’école d’art ont repeint l’escalier de la butte.',
        'La fresque représente la marée, de la plus basse à la plus haute.',
        'Elle devrait tenir au moins cinq ans.',
      ]),
    ],
  },
  {
    id: 'notes',
    name: 'Harbour Tech Notes',
    lang: 'en',
    articles: [
      a('why-we-cache-everything', 'Why we cache everything on disk', 'Engineering', 'Sam Okoye', [
        'Reading the news should not depend on a perfect connection, so every page we fetch is kept on disk with its HTTP validators.',
        'Going back costs nothing, and a stale copy is better than an error when the train goes into a tunnel.',
        'Revalidation with ETags keeps the copies honest.',
      ]),
      a('terminal-typography', 'Typography in a terminal is still typography', 'Design', 'Lena Ström', [
        'Line length matters even in a monospaced world: about seventy characters is where reading stays comfortable.',
        'Non-breaking spaces keep French punctuation with its word, and wide characters need two cells.',
        'Good wrapping is invisible; bad wrapping is all a reader sees.',
      ]),
      a('keyboard-first', 'Designing for the keyboard first', 'Design', 'Lena Ström', [
        'Every action in a reader should be one key away, and the same key should do the same thing everywhere.',
        'A single table of key bindings makes that promise checkable.',
        'Help is a key press away, never a manual away.',
      ]),
      a('feeds-in-the-wild', 'Feeds in the wild are not XML', 'Engineering', 'Sam Okoye', [
        'Undeclared entities, stray ampersands and HTML inside titles: real feeds break the rules every day.',
        'A reader that gives up on the first error shows nothing; a lenient one shows the news.',
        'Leniency never extends to entity expansion, which stays off.',
      ]),
      a(
        'measuring-extraction',
        'How we measure article extraction',
        'Engineering',
        'Sam Okoye',
        [
          'We score extraction with four-token shingles against text written by people, the same measure as a public benchmark.',
          'Every change to the heuristics runs against the whole corpus, side by side with a reference extractor.',
          'Speed is measured in the same run, so neither is traded away unnoticed.',
        ],
        'Side by side, in one run',
      ),
    ],
  },
];
